/**
 * The shapes of a CloudFront Functions viewer-request event and of what the
 * handler gives back: the request, changed, for CloudFront to fetch from the
 * origin, or a response it answers with at once. Only the parts the
 * function and the local site host use.
 */

/** A header or query value as CloudFront Functions hold them. */
export interface FieldValue {
  value: string;
  multiValue?: { value: string }[];
}

export interface CloudFrontRequest {
  method: string;
  /** The path as the viewer sent it, still percent-encoded. */
  uri: string;
  querystring: Record<string, FieldValue>;
  /** Lower-cased names. */
  headers: Record<string, FieldValue>;
  cookies: Record<string, FieldValue>;
}

export interface CloudFrontResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, FieldValue>;
  body?: { encoding: 'text'; data: string };
}

export interface ViewerRequestEvent {
  version: '1.0';
  context: { eventType: 'viewer-request'; distributionDomainName: string; requestId: string };
  viewer: { ip: string };
  request: CloudFrontRequest;
}

/** Whether the handler answered itself rather than passing the request on. */
export function isResponse(
  result: CloudFrontRequest | CloudFrontResponse,
): result is CloudFrontResponse {
  return typeof (result as CloudFrontResponse).statusCode === 'number';
}
