/**
 * Editing one's own profile, and refreshing it from Bluesky. Only the owner
 * may: for anyone else, admins included, these addresses answer 404 as if
 * they did not exist. A save carries the version the form was filled from,
 * so a save from a stale tab never overwrites silently; the person sees
 * what differs and keeps what they typed. A save the storage did not take
 * comes back as typed, too.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fetchProfile } from '../auth/profile';
import type { AppContext, AppEnv } from '../context';
import { MemberVersionConflict, putMember, updateMember } from '../db/members';
import { isMember, type Member, type ProfileFields } from '../../core/records/members';
import { notFound, PageError } from '../errors';
import {
  differences,
  profileSchema,
  valuesFromInput,
  valuesOf,
  type ProfileFormValues,
} from '../../core/forms/profile';
import { membersOnlyError } from '../middleware/access';
import { answerNotSaved } from '../not-saved';
import { renderPage } from '../render';
import { postedInput, validForm } from '../validate';
import { EditProfilePage, type EditProfilePageProps } from '../../views/pages/members/edit';
import { profilePath } from '../../core/paths';
import { failureSummary } from '../failure-log';

/** The viewer's own member item, if `:id` names them (handle or DID); otherwise a 404. */
function ownProfile(c: AppContext): Member {
  const viewer = c.get('viewer');
  const id = c.req.param('id') ?? '';
  const mine = viewer && (id === viewer.member.did || id.toLowerCase() === viewer.member.handle);
  if (!mine) throw notFound();
  if (!isMember(viewer.member)) throw membersOnlyError();
  return viewer.member;
}

const ownerOnly = createMiddleware<AppEnv>(async (c, next) => {
  ownProfile(c);
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Cookie');
  await next();
});

function renderEdit(
  c: AppContext,
  member: Member,
  values: ProfileFormValues,
  extra: Pick<EditProfilePageProps, 'errors' | 'conflict' | 'notice'> = {},
  status: ContentfulStatusCode = 200,
) {
  return renderPage(
    c,
    { title: 'Edit your profile', status },
    <EditProfilePage member={member} values={values} csrfToken={c.get('csrfToken')} {...extra} />,
  );
}

const pdsUnreachable = (member: Member) =>
  new PageError(502, {
    title: 'We could not reach your Bluesky server',
    message:
      'Your profile could not be read from Bluesky just now, so nothing was changed. Please try again in a little while.',
    action: { href: `${profilePath(member)}/edit`, label: 'Back to editing your profile' },
  });

export const profileEdit = new Hono<AppEnv>()
  .get('/:id/edit', ownerOnly, (c) => {
    const member = ownProfile(c);
    return renderEdit(c, member, valuesOf(member));
  })
  .post(
    '/:id/edit',
    ownerOnly,
    validForm(profileSchema, (c, input, errors) =>
      renderEdit(c, ownProfile(c), valuesFromInput(input), { errors }, 400),
    ),
    async (c) => {
      const member = ownProfile(c);
      const { version, ...edit } = c.req.valid('form');
      try {
        const saved = await putMember(c.get('db'), { ...member, ...edit }, version, member.handle);
        return c.redirect(profilePath(saved), 303);
      } catch (error) {
        if (!(error instanceof MemberVersionConflict)) {
          const values = valuesFromInput(await postedInput(c));
          return answerNotSaved(error, `profile of ${member.did}`, (notice, status) =>
            renderEdit(c, member, values, { notice }, status),
          );
        }
        const current = error.current;
        if (!current) throw notFound();
        const conflict = differences(current, edit);
        // The other save left things as this one would have: nothing is lost.
        if (!conflict.length) return c.redirect(profilePath(current), 303);
        const values = {
          ...valuesFromInput(await postedInput(c)),
          version: String(current.version),
        };
        return renderEdit(c, current, values, { conflict }, 409);
      }
    },
  )
  .post('/:id/refresh', ownerOnly, async (c) => {
    const member = ownProfile(c);
    let fresh: ProfileFields;
    try {
      fresh = await fetchProfile(c.get('config'), member.did, { lastHandle: member.handle });
    } catch (error) {
      console.warn('profile refresh failed', member.did, failureSummary(error));
      throw pdsUnreachable(member);
    }
    const saved = await updateMember(c.get('db'), member.did, (m) =>
      m
        ? {
            ...m,
            handle: fresh.handle,
            displayName: fresh.displayName,
            description: fresh.description,
            avatarUrl: fresh.avatarUrl,
            // Their own name and bio would hide the fresh ones; refreshing means "use Bluesky's".
            name: undefined,
            bio: undefined,
          }
        : undefined,
    );
    if (!saved) throw notFound();
    return c.redirect(`${profilePath(saved)}/edit`, 303);
  });
