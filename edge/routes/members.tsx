/**
 * The member directory and profile pages. Who may look follows the
 * neighborhood's directory setting: anyone, or members only (others are told
 * to sign in or that it is for members). Only members have public profiles;
 * anyone else's profile is a 404 to everyone but its owner. A profile asked
 * for by DID or by an older handle redirects to its current address.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { findMember, listDirectory } from '../db/members';
import { isAdmin, isMember, memberName } from '../../core/records/members';
import { type Neighborhood } from '../../core/records/neighborhood';
import { notFound } from '../errors';
import { requireMember } from '../middleware/access';
import { currentNeighborhood, renderPage } from '../render';
import { profileEdit } from './profile-edit';
import { DirectoryPage } from '../../views/pages/members/directory';
import { ProfilePage } from '../../views/pages/members/profile';
import { profilePath } from '../../core/paths';

/** Throws the sign-in or members-only page unless this viewer may see the directory. */
function checkDirectoryAccess(c: AppContext, neighborhood: Neighborhood): void {
  if (neighborhood.directoryVisibility !== 'public') requireMember(c);
}

function pageHeaders(c: AppContext): void {
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie');
}

export const members = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { db } = c.var;
    const order = c.req.query('order') === 'name' ? 'name' : 'newest';
    const after = c.req.query('after');
    const neighborhood = await currentNeighborhood(c);
    checkDirectoryAccess(c, neighborhood);
    const page = await listDirectory(db, order, { cursor: after });
    pageHeaders(c);
    return renderPage(
      c,
      { title: 'Neighbors', neighborhood },
      <DirectoryPage members={page.items} order={order} next={page.next} paged={!!after} />,
    );
  })
  .get('/:id', async (c) => {
    const { db, viewer } = c.var;
    const id = c.req.param('id');
    const [neighborhood, member] = await Promise.all([currentNeighborhood(c), findMember(db, id)]);
    const isOwner = !!member && viewer?.member.did === member.did;
    if (!isOwner) {
      checkDirectoryAccess(c, neighborhood);
      if (!isMember(member)) throw notFound();
    }
    pageHeaders(c);
    const canonical = profilePath(member!);
    if (decodeURIComponent(canonical.slice('/members/'.length)) !== id) {
      return c.redirect(canonical, 301);
    }
    return renderPage(
      c,
      { title: memberName(member!), neighborhood },
      <ProfilePage
        member={member!}
        isOwner={isOwner}
        adminActions={!isOwner && isAdmin(viewer?.member)}
        csrfToken={c.var.csrfToken}
      />,
    );
  })
  .route('/', profileEdit);
