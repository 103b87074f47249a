/**
 * Dates in words for our pages, e.g. "4 March 2025", in UTC so a date reads
 * the same wherever it is rendered. One formatter is made once per isolate:
 * building one per call costs far more CPU than formatting (a dashboard of
 * fifty items paid milliseconds for it).
 */
const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A date in words; takes an ISO string, epoch milliseconds or a Date. */
export const longDate = (at: string | number | Date) => longDateFormat.format(new Date(at));

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** A moment in words, to the minute, e.g. "4 March 2025, 14:05 UTC": deploys happen several a day. */
export const dateTime = (at: string | number | Date) => dateTimeFormat.format(new Date(at));
