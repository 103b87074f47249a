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

/** Every request the builder answers, told apart by `kind`. */
export const builderRequestSchema = z.discriminatedUnion('kind', [
  previewRequestSchema,
  sampleRequestSchema,
]);

export type BuilderRequest = z.infer<typeof builderRequestSchema>;
export type BuilderRequestKind = BuilderRequest['kind'];
export type PreviewRequest = z.infer<typeof previewRequestSchema>;
export type SampleRequest = z.infer<typeof sampleRequestSchema>;

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

/** What the handler answers each kind of request with, unless it is a bad request. */
export const answerSchemas = {
  preview: previewResponseSchema,
  sample: previewResponseSchema,
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
