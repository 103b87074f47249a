/** Types for `build-site-function.mjs`, for the TypeScript that calls it (tests, infra, bench). */
export const SITE_FUNCTION_LIMIT: number;
/** The local edge's address, where `npm start` serves the front page. */
export const LOCAL_HOME_URL: string;
/**
 * The viewer-request function's source for sites under `sitesHost`
 * (`oak.example`), its not-found page linking to `homeUrl` (default
 * `https://<sitesHost>/`).
 */
export function buildSiteFunction(sitesHost: string, homeUrl?: string): Promise<string>;
/**
 * The function's "No site here" page as a file, linking to `homeUrl`: the distribution's
 * custom error page.
 */
export function buildNotFoundPage(homeUrl: string): Promise<string>;
