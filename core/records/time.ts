/**
 * Time as the table counts it, and the one purge rule: DynamoDB's TTL reads
 * epoch seconds, and everything kept "for N days" (trashed items, a removed
 * member's data) expires N days after the moment it started.
 */

/** Seconds since 1970, as DynamoDB's TTL counts them. */
export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Now, in epoch seconds. */
export const nowSeconds = () => epochSeconds(new Date());

/** When something kept `days` days from `since` (an ISO time) is purged, in epoch seconds. */
export const purgeSeconds = (since: string, days: number) =>
  Math.floor(Date.parse(since) / 1000) + days * 86_400;

/** The same moment as a date, for pages that say when. */
export const purgeDate = (since: string, days: number) =>
  new Date(purgeSeconds(since, days) * 1000);
