/**
 * The `cloudfront` module CloudFront Functions (cloudfront-js-2.0) provide,
 * as much of it as the viewer-request function uses: the KeyValueStore
 * associated with the function. `get` throws when the key is missing.
 */
declare module 'cloudfront' {
  interface KeyValueStore {
    get(key: string, options?: { format?: 'string' }): Promise<string>;
    exists(key: string): Promise<boolean>;
  }
  const cf: { kvs(id?: string): KeyValueStore };
  export default cf;
}
