/** Types for `build-site-function.mjs`, for the TypeScript that calls it (tests, infra, bench). */
export const SITE_FUNCTION_LIMIT: number;
/** The viewer-request function's source for sites under `sitesHost` (`oak.example`). */
export function buildSiteFunction(sitesHost: string): Promise<string>;
