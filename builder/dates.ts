/**
 * Dates as the templates show them, computed by hand rather than through
 * the runtime's locale data so every machine renders the same bytes.
 */

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-05-07` as `7 May 2026`. */
export function dateText(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${months[Number(month) - 1]} ${year}`;
}

/** `2026-05-07` as the start of that day in UTC, ISO 8601 (Atom, sitemaps, `<time>`). */
export function startOfDay(date: string): string {
  return `${date}T00:00:00Z`;
}

/** `2026-05-07` in RSS's RFC 822 form: `Thu, 07 May 2026 00:00:00 GMT`. */
export function rfc822(date: string): string {
  return new Date(startOfDay(date)).toUTCString();
}
