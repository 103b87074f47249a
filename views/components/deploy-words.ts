/**
 * Deploys in a neighbor's words: what each kind and stage is called, where
 * a deploy stands, and what changed, shared by the deploy page, the history
 * and the dashboard so they never describe one deploy two ways.
 */
import type { Deploy, DeployChanges, DeployStage } from '../../core/records/deploys';

export const kindWords: Record<Deploy['kind'], string> = {
  build: 'Publish',
  restore: 'Restore',
  unpublish: 'Unpublish',
};

export const stageWords: Record<DeployStage, string> = {
  queued: 'Waiting for the site builder',
  rendering: 'Making the pages',
  uploading: 'Uploading the files',
  'going-live': 'Going live',
};

/** Where the deploy stands, in a word or three. */
export function stateWords(deploy: Pick<Deploy, 'kind' | 'state'>): string {
  if (deploy.state === 'failed') return 'Did not work';
  if (deploy.state !== 'live') return stageWords[deploy.state];
  if (deploy.kind === 'restore') return 'Restored';
  if (deploy.kind === 'unpublish') return 'Taken off the web';
  return 'Went live';
}

/** A stage's duration, e.g. "0.7 s". */
export const secondsText = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const filesText = (files: number) => plural(files, 'file', 'files');

/** What changed since the build before, e.g. "2 pages added, 1 changed"; undefined if nothing. */
export function changesText(changes: DeployChanges | undefined): string | undefined {
  if (!changes) return undefined;
  const counts = changes.counts ?? {
    added: changes.added.length,
    changed: changes.changed.length,
    removed: changes.removed.length,
  };
  const parts = [
    counts.added && plural(counts.added, 'page added', 'pages added'),
    counts.changed && `${counts.changed} changed`,
    counts.removed && `${counts.removed} removed`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'No pages changed';
}
