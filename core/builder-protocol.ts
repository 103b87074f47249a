/**
 * The builder protocol: every request the edge sends the builder Lambda
 * and every answer it gets back, written once as zod schemas with their
 * types inferred from them. The builder checks requests against these at
 * its door; the edge checks each answer against the schema for the kind
 * it asked. A new kind of request is one more schema in the
 * `builderRequestSchema` union and one more entry in `answerSchemas`, which
 * says what the handler answers it with (what a synchronous invocation gets
 * back). Pure: no I/O, only zod, the site-address rules and the templates.
 */
import { z } from 'zod';
import { templates, type TemplateId } from '../templates';
import { DEPLOY_ID_PATTERN } from './live-pointer';
import {
  forgetPicturesRequestSchema,
  forgetPicturesResponseSchema,
  picturesRequestSchema,
  picturesResponseSchema,
} from './builder-protocol-pictures';
import { SITE_NAME_PATTERN } from './site-address';

/** Longer than any path a site has; the edge refuses longer ones before asking. */
export const MAX_PATH = 2000;

/** Lambda's limit on what a synchronous invocation may answer: 6 MB of JSON. */
export const SYNC_ANSWER_LIMIT = 6 * 1024 * 1024;

/** Room kept in an answer for its JSON around a file's body. */
const ANSWER_ENVELOPE = 4 * 1024;

/**
 * The largest file, in bytes, a preview answer can carry: its body goes as
 * base64 (4 characters for every 3 bytes), which with the envelope must
 * stay within `SYNC_ANSWER_LIMIT`. About 4.5 MB.
 */
export const PREVIEW_FILE_LIMIT = Math.floor((SYNC_ANSWER_LIMIT - ANSWER_ENVELOPE) / 4) * 3;

const path = z
  .string({ required_error: 'path is missing' })
  .max(MAX_PATH, 'path is too long')
  .startsWith('/', 'path must start with /');

const templateIds = templates.map((t) => t.id) as [TemplateId, ...TemplateId[]];

/**
 * Asks for one file of a site's preview. `path` is the URL path below the
 * site's root as a browser sends it (percent-encoded), e.g. `/posts/hello/`;
 * `draft` is the id of one draft item to include as if it were ready.
 */
export const previewRequestSchema = z.object({
  kind: z.literal('preview'),
  site: z
    .string({ required_error: 'site is missing' })
    .regex(SITE_NAME_PATTERN, 'site is not a site name'),
  path,
  draft: z.string().min(1).max(100).optional(),
});

/** Asks for one file of a template's sample site (the gallery's live example). */
export const sampleRequestSchema = z.object({
  kind: z.literal('sample'),
  template: z.enum(templateIds, { errorMap: () => ({ message: 'unknown template' }) }),
  path,
});

const siteName = z
  .string({ required_error: 'site is missing' })
  .regex(SITE_NAME_PATTERN, 'site is not a site name');

const deployId = z
  .string({ required_error: 'deploy is missing' })
  .regex(DEPLOY_ID_PATTERN, 'deploy is not a deploy id');

/** Who asked, for the history: their DID and their handle at the time. */
const by = z.object({ did: z.string().min(1).max(2048), handle: z.string().min(1).max(253) });

/**
 * Runs the queued build `deploy` of `site` (sent as an Event invocation:
 * nobody waits). The builder reads everything else from the table; the
 * deploy record says how it went.
 */
export const publishRequestSchema = z.object({
  kind: z.literal('publish'),
  site: siteName,
  deploy: deployId,
});

/** Puts the files of the earlier build `deploy` live again, without a rebuild. */
export const restoreRequestSchema = z.object({
  kind: z.literal('restore'),
  site: siteName,
  deploy: deployId,
  by,
});

/** Takes `site` off the host: visitors get the "not published" page. */
export const unpublishRequestSchema = z.object({
  kind: z.literal('unpublish'),
  site: siteName,
  by,
});

/**
 * Makes the live pointer of `site` say what its record says (after its
 * owner was removed or came back, or after a pointer write was lost).
 */
export const syncRequestSchema = z.object({ kind: z.literal('sync'), site: siteName });

/** Deletes every file of a deleted site and its live pointer; its record must be gone or closing. */
export const purgeRequestSchema = z.object({ kind: z.literal('purge'), site: siteName });

/** Packs the site's live files and its source into a ZIP and answers where to download it. */
export const exportRequestSchema = z.object({ kind: z.literal('export'), site: siteName });

/**
 * Asks the builder which code it runs, for the operator's health check:
 * nothing is read or rendered, so answering costs about a millisecond.
 */
export const versionRequestSchema = z.object({ kind: z.literal('version') });

export {
  forgetPicturesRequestSchema,
  forgetPicturesResponseSchema,
  picturesRequestSchema,
  picturesResponseSchema,
};

/** Every request the builder answers, told apart by `kind`. */
export const builderRequestSchema = z.discriminatedUnion('kind', [
  previewRequestSchema,
  sampleRequestSchema,
  publishRequestSchema,
  restoreRequestSchema,
  unpublishRequestSchema,
  syncRequestSchema,
  purgeRequestSchema,
  exportRequestSchema,
  versionRequestSchema,
  picturesRequestSchema,
  forgetPicturesRequestSchema,
]);

export type BuilderRequest = z.infer<typeof builderRequestSchema>;
export type BuilderRequestKind = BuilderRequest['kind'];
export type PreviewRequest = z.infer<typeof previewRequestSchema>;
export type SampleRequest = z.infer<typeof sampleRequestSchema>;
export type PublishRequest = z.infer<typeof publishRequestSchema>;
export type RestoreRequest = z.infer<typeof restoreRequestSchema>;
export type UnpublishRequest = z.infer<typeof unpublishRequestSchema>;
export type PicturesRequest = z.infer<typeof picturesRequestSchema>;
export type ForgetPicturesRequest = z.infer<typeof forgetPicturesRequestSchema>;

/**
 * One file of a preview or sample, or why there is none:
 * - `file`: the file, its body in base64; status 404 when the path names no
 *   file, the body then being the site's 404 page;
 * - `redirect`: the path names a folder without its trailing slash
 *   (`/posts/hello`), so go to `path` (`/posts/hello/`), where the page's
 *   relative links resolve as they will on the published site;
 * - `no-site`: the site does not exist (any more), or the named draft does not;
 * - `invalid`: the stored settings or items do not fit the template, each
 *   problem in plain words;
 * - `too-large`: the file at `path` is `bytes` long, more than the `limit`
 *   (`PREVIEW_FILE_LIMIT`) a synchronous answer can carry.
 */
export const previewResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    status: z.union([z.literal(200), z.literal(404)]),
    contentType: z.string(),
    body: z.string(),
  }),
  z.object({ kind: z.literal('redirect'), path: z.string().startsWith('/') }),
  z.object({ kind: z.literal('no-site') }),
  z.object({ kind: z.literal('invalid'), problems: z.array(z.string()) }),
  z.object({
    kind: z.literal('too-large'),
    path: z.string().startsWith('/'),
    bytes: z.number().int().nonnegative(),
    limit: z.number().int().nonnegative(),
  }),
]);

export type PreviewResponse = z.infer<typeof previewResponseSchema>;

/**
 * The request itself was not one the builder understands (an unknown kind,
 * a missing field): a mismatch between the edge and builder versions, never
 * the member's doing. Any kind of request may be answered so.
 */
export const badRequestSchema = z.object({ kind: z.literal('bad-request'), message: z.string() });

export type BadRequestResponse = z.infer<typeof badRequestSchema>;

const noSite = z.object({ kind: z.literal('no-site') });

/**
 * How a build ended: `live` or `failed` (the record has the details), or
 * `skipped` when the record was not a queued build holding its site's lock
 * (a retried event, or a build the deadline already gave up on).
 */
export const publishResponseSchema = z.object({
  kind: z.literal('deploy'),
  state: z.enum(['live', 'failed', 'skipped']),
});

/**
 * A restore: `restored` with the history record it wrote; `not-restorable`
 * when the build is unknown, never went live, or its files were pruned.
 */
export const restoreResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('restored'), deploy: z.string() }),
  z.object({
    kind: z.literal('not-restorable'),
    reason: z.enum(['unknown', 'unfinished', 'pruned', 'live']),
  }),
  noSite,
]);

export const unpublishResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unpublished'), deploy: z.string().optional() }),
  noSite,
]);

/** What the pointer says now: a deploy id, or null for none. */
export const syncResponseSchema = z.object({
  kind: z.literal('synced'),
  live: z.string().nullable(),
});

export const purgeResponseSchema = z.object({
  kind: z.literal('purged'),
  files: z.number().int().nonnegative(),
});

/** A short-lived address the member's browser downloads the ZIP from. */
export const exportResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('export'),
    url: z.string().url(),
    bytes: z.number().int().nonnegative(),
  }),
  noSite,
]);

/**
 * The builder's release (`version` in package.json) and `build`, a short
 * fingerprint of the code it runs, new whenever the bundle changes.
 */
export const versionResponseSchema = z.object({
  kind: z.literal('version'),
  version: z.string().max(100),
  build: z.string().max(100),
});

/** What the handler answers each kind of request with, unless it is a bad request. */
export const answerSchemas = {
  preview: previewResponseSchema,
  sample: previewResponseSchema,
  publish: publishResponseSchema,
  restore: restoreResponseSchema,
  unpublish: unpublishResponseSchema,
  sync: syncResponseSchema,
  purge: purgeResponseSchema,
  export: exportResponseSchema,
  version: versionResponseSchema,
  pictures: picturesResponseSchema,
  'forget-pictures': forgetPicturesResponseSchema,
} as const satisfies Record<BuilderRequestKind, z.ZodTypeAny>;

/** The answer to a request of kind `K`. */
export type BuilderAnswer<K extends BuilderRequestKind = BuilderRequestKind> = z.infer<
  (typeof answerSchemas)[K]
>;

/** Anything the builder's handler may answer. */
export type BuilderResponse = BuilderAnswer | BadRequestResponse;

/** The request `event` holds, or what is wrong with it in words for a `bad-request` answer. */
export function parseBuilderRequest(event: unknown): BuilderRequest | string {
  if (!event || typeof event !== 'object' || Array.isArray(event)) {
    return 'the request must be a JSON object';
  }
  const parsed = builderRequestSchema.safeParse(event);
  if (parsed.success) return parsed.data;
  const kind = (event as { kind?: unknown }).kind;
  if (parsed.error.issues[0]?.code === 'invalid_union_discriminator') {
    return `unknown request kind ${JSON.stringify(kind ?? null)}`;
  }
  return `malformed ${String(kind)} request: ${parsed.error.issues.map((i) => i.message).join('; ')}`;
}
