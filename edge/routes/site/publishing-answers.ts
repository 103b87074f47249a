/**
 * The friendly pages publishing answers with when it cannot do what was
 * asked: the hourly allowance is spent (saying when it comes back), or the
 * site builder could not be reached or failed. Each says that what visitors
 * see is unchanged: the edge never writes the live files or pointer itself,
 * and the builder moves the pointer only once a build or restore succeeded.
 */
import { deploysPath } from '../../../core/paths';
import { PUBLISHES_PER_HOUR } from '../../../core/records/deploys';
import { BuilderFailure, invokeBuilder } from '../../builder';
import type {
  BuilderAnswer,
  RestoreRequest,
  UnpublishRequest,
} from '../../../core/builder-protocol';
import type { SiteContext } from '../../context';
import { PageError } from '../../errors';
import { builderFailurePage } from '../builder-answers';

/** What a build's log says when the builder never got it. */
export const UNREACHABLE_LOG = 'We could not reach the site builder. Your live site is unchanged.';

/** A 429 naming when the member can publish again; `Retry-After` says the same to machines. */
export function publishLimit(c: SiteContext, retryAfter: number): PageError {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  c.header('Retry-After', String(retryAfter));
  return new PageError(429, {
    title: 'Please wait a little before publishing again',
    message: `You have published ${PUBLISHES_PER_HOUR} times within the hour, the most the neighborhood allows. You can publish again in ${minutes === 1 ? 'a minute' : `about ${minutes} minutes`}. Your live site is unchanged, and your work is saved.`,
    action: { href: `/sites/${c.get('site').name}`, label: 'Back to the site' },
  });
}

/** The friendly page for a builder that could not do a restore or an unpublish. */
export function publishingDown(c: SiteContext, error: BuilderFailure): PageError {
  return builderFailurePage(error, {
    slowTitle: 'That could not be done just now',
    downTitle: 'That could not be done just now',
    task: 'answer',
    reassurance: 'Your live site is unchanged.',
    back: { href: deploysPath(c.get('site').name), label: 'Back to the history' },
  });
}

/** Asks the builder to move the live pointer, turning its failures into the friendly page. */
export async function askBuilder<R extends RestoreRequest | UnpublishRequest>(
  c: SiteContext,
  request: R,
): Promise<BuilderAnswer<R['kind']>> {
  try {
    return await invokeBuilder(c.get('config'), request);
  } catch (error) {
    if (error instanceof BuilderFailure) throw publishingDown(c, error);
    throw error;
  }
}
