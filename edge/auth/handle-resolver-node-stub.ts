/**
 * Stands in for `@atproto-labs/handle-resolver-node`, which needs Node's DNS
 * module. nbhd always gives the OAuth client an XRPC handle resolver, so this
 * default is never built; wrangler.toml aliases the package to this file.
 */
export class AtprotoHandleResolverNode {
  constructor() {
    throw new Error('nbhd passes its own handleResolver; the Node resolver is not available');
  }
}
