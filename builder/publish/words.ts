/**
 * The lines a build's log says, in plain words a neighbor understands:
 * what happened, how long it took, and, when something went wrong,
 * that what visitors see did not change. Kept together so the history
 * speaks with one voice.
 */
import { sizeText } from '../../core/site-limits';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const unchanged = 'your live site is unchanged.';

export const words = {
  rendered: (pages: number, ms: number) => `Rendered ${plural(pages, 'page')} in ${seconds(ms)}.`,
  uploaded: (files: number, bytes: number, ms: number) =>
    // The size in the words the deploy page and the history print beside this line.
    `Uploaded ${plural(files, 'file')} (${sizeText(bytes)}) in ${seconds(ms)}.`,
  live: () => 'Your site is live.',
  offline: () =>
    'This site is offline while its owner is removed from the neighborhood, so it was not published.',
  closing: () => 'This site is being deleted, so it was not published.',
  invalid: () => `The site could not be built; ${unchanged} What to fix:`,
  renderFailed: () =>
    `Something in the site stopped it from being built; ${unchanged} Try again, or change what you edited last.`,
  uploadFailed: (missing: number, total: number) =>
    `Could not upload ${missing} of ${plural(total, 'file')}; ${unchanged}`,
  lockLost: () =>
    `Another publish, or the time limit, overtook this one, so it was not put live; ${unchanged}`,
  switchFailed: () => `Could not switch your site to the new version; ${unchanged}`,
  unexpected: () => `Something went wrong on our side while publishing; ${unchanged}`,
  restored: (date: string) => `Restored the version of ${date}.`,
  restoreFailed: () => 'Could not switch your site back to that version; nothing changed.',
  overtaken: () => 'Another change to your site came first; nothing changed. Try again.',
  unpublished: () => 'Took your site off the web; visitors now see a “not published” page.',
  unpublishFailed: () => 'Could not take your site off the web; it is still published.',
  pruneFailed: () => 'Old versions could not be tidied away this time; they will be next time.',
};

/** When a build was made, as the history names it: "2 December 2026, 01:55 UTC". */
export function buildDate(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = d.toISOString().slice(11, 16);
  return `${day}, ${time} UTC`;
}
