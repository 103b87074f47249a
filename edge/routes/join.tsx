/**
 * Joining and leaving the neighborhood: asking to join from the front page
 * (in at once, or pending, by the join policy), leaving (after a page that
 * says what it costs), and invitation
 * links, which work whatever the policy is. Every rule is checked here on
 * the server; the buttons on the pages only offer what these allow. POSTs
 * answer with a redirect, expected refusals with a friendly page.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { getInvitation } from '../db/invitations';
import { invitationState, type InvitationState } from '../../core/records/invitations';
import { isMember } from '../../core/records/members';
import { joinWithInvitation, leave, requestToJoin } from '../db/membership';
import { type Neighborhood } from '../../core/records/neighborhood';
import { allow, limits, secondsUntilReset, type Limit } from '../db/rate-limit';
import { PageError, stillRemoved } from '../errors';
import { requireViewer, signInFirst } from '../middleware/access';
import { currentNeighborhood, renderPage } from '../render';
import { InvitationPage } from '../../views/pages/join/invitation';
import { invitationPath, LEAVE_PATH } from '../../core/paths';
import { hostHook } from '../site-host';
import { listOwnerSites } from '../db/sites';
import { LeavePage } from '../../views/pages/join/leave';

const backHome = (c: AppContext) => {
  c.header('Cache-Control', 'no-store');
  return c.redirect('/', 303);
};

const byInvitationOnly = (n: Neighborhood) =>
  new PageError(403, {
    title: 'Joining is by invitation',
    message: `${n.name} takes new neighbors by invitation only. Ask a neighbor for an invitation link; opening it lets you join.`,
  });

const oldLink = (n: Neighborhood) =>
  new PageError(403, {
    title: `You were removed from ${n.name}`,
    message:
      'This invitation link was made before you were removed, so it cannot let you back in. If you think the removal was a mistake, ask an admin: they can lift it.',
  });

/** A friendly 429 naming when the window ends; `Retry-After` says the same to machines. */
function tooManyRequests(c: AppContext, limit: Limit) {
  const wait = secondsUntilReset(limit);
  const minutes = Math.max(1, Math.ceil(wait / 60));
  c.header('Retry-After', String(wait));
  return new PageError(429, {
    title: 'Please wait a little',
    message: `You have asked to join ${limit.max} times within the hour. You can try again in ${minutes === 1 ? 'a minute' : `about ${minutes} minutes`}.`,
  });
}

const unknownInvitation = () =>
  new PageError(404, {
    title: 'No such invitation',
    message:
      'We do not know this invitation link. Check that the whole link was copied, or ask the neighbor who sent it for a new one.',
  });

const gone: Record<Exclude<InvitationState, 'valid'>, { title: string; why: string }> = {
  expired: { title: 'This invitation has expired', why: 'It was only valid for a while.' },
  'used-up': {
    title: 'This invitation has been used up',
    why: 'It has already been used as many times as allowed.',
  },
  revoked: { title: 'This invitation was withdrawn', why: 'An admin revoked it.' },
};

const invitationGone = (state: InvitationState | 'missing') =>
  state === 'missing' || state === 'valid'
    ? unknownInvitation()
    : new PageError(410, {
        title: gone[state].title,
        message: `${gone[state].why} Ask the neighbor who sent it for a new link.`,
      });

export const join = new Hono<AppEnv>()
  .post('/join', async (c) => {
    const { member } = requireViewer(c);
    if (member.status === 'member' || member.status === 'pending') return backHome(c);
    const db = c.get('db');
    const neighborhood = await currentNeighborhood(c);
    if (member.status === 'removed') throw stillRemoved(neighborhood.name);
    if (neighborhood.joinPolicy === 'invitation') throw byInvitationOnly(neighborhood);
    if (!(await allow(db, limits.join, member.did))) throw tooManyRequests(c, limits.join);
    await requestToJoin(db, member.did, neighborhood.joinPolicy);
    return backHome(c);
  })
  .get(LEAVE_PATH, async (c) => {
    const { member } = requireViewer(c);
    if (!isMember(member)) return backHome(c);
    const [neighborhood, sites] = await Promise.all([
      currentNeighborhood(c),
      listOwnerSites(c.get('db'), member.did),
    ]);
    c.header('Cache-Control', 'private, no-store');
    return renderPage(
      c,
      { title: `Leave ${neighborhood.name}?`, neighborhood },
      <LeavePage
        neighborhoodName={neighborhood.name}
        joinPolicy={neighborhood.joinPolicy}
        siteNames={sites.map((s) => s.name)}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post(LEAVE_PATH, async (c) => {
    const { member } = requireViewer(c);
    if (!isMember(member)) return backHome(c);
    // Only the confirmation page's button leaves; anything else is sent there first.
    if ((await c.req.parseBody()).confirm !== 'leave') return c.redirect(LEAVE_PATH, 303);
    await leave(c.get('db'), member.did);
    return backHome(c);
  })
  .get('/invitations/:code', async (c) => {
    const db = c.get('db');
    const viewer = c.get('viewer');
    const [neighborhood, invitation] = await Promise.all([
      currentNeighborhood(c),
      getInvitation(db, c.req.param('code')),
    ]);
    if (!invitation) throw unknownInvitation();
    const state = invitationState(invitation);
    if (state !== 'valid') throw invitationGone(state);
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Cookie');
    return renderPage(
      c,
      { title: `Join ${neighborhood.name}`, neighborhood },
      <InvitationPage
        neighborhood={neighborhood}
        invitation={invitation}
        member={viewer?.member}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post('/invitations/:code/join', async (c) => {
    const code = c.req.param('code');
    const viewer = c.get('viewer');
    if (!viewer) throw signInFirst(invitationPath(code));
    const db = c.get('db');
    // Read first: a bad code never reaches a write, and a member never spends a use.
    if (!(await getInvitation(db, code))) throw unknownInvitation();
    if (isMember(viewer.member)) return backHome(c);
    const state = await joinWithInvitation(db, viewer.member.did, code, hostHook(c, 'sync'));
    if (state === 'removed') throw oldLink(await currentNeighborhood(c));
    if (state !== 'valid') throw invitationGone(state);
    return backHome(c);
  });
