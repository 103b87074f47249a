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
import { isPublished } from '../../core/records/published';
import type { Site } from '../../core/records/sites';
import { siteUrl } from '../../core/site-address';
import { listOwnerSites } from '../db/sites';
import { listPublished } from '../db/published';
import type { SiteLink } from '../../views/components/site-links';

/** Throws the sign-in or members-only page unless this viewer may see the directory. */
function checkDirectoryAccess(c: AppContext, neighborhood: Neighborhood): void {
  if (neighborhood.directoryVisibility !== 'public') requireMember(c);
}

/**
 * Published sites the directory reads to link from its cards, newest first,
 * in the same one Query whatever page it shows: a neighborhood of a hundred
 * neighbors has fewer. Beyond it, older sites are still linked from their
 * owners' profiles, which list every site.
 */
export const DIRECTORY_SITES = 200;

/** Published sites as links to their addresses. */
const linksTo = (c: AppContext, sites: Pick<Site, 'name'>[]): SiteLink[] =>
  sites.map((s) => ({ name: s.name, url: siteUrl(c.get('config').sitesUrl, s.name) }));

function pageHeaders(c: AppContext): void {
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie');
}

export const members = new Hono<AppEnv>()
  .get('/', async (c) => {
    const db = c.get('db');
    const order = c.req.query('order') === 'name' ? 'name' : 'newest';
    const after = c.req.query('after');
    const neighborhood = await currentNeighborhood(c);
    checkDirectoryAccess(c, neighborhood);
    const [page, published] = await Promise.all([
      listDirectory(db, order, { cursor: after }),
      listPublished(db, DIRECTORY_SITES),
    ]);
    const sites: Record<string, SiteLink[]> = {};
    for (const link of published) (sites[link.ownerDid] ??= []).push(...linksTo(c, [link]));
    pageHeaders(c);
    return renderPage(
      c,
      {
        title: 'Neighbors',
        description: `The neighbors of ${neighborhood.name} and the sites they publish.`,
        neighborhood,
      },
      <DirectoryPage
        members={page.items}
        sites={sites}
        order={order}
        next={page.next}
        paged={!!after}
      />,
    );
  })
  .get('/:id', async (c) => {
    const db = c.get('db');
    const viewer = c.get('viewer');
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
    const sites = linksTo(c, (await listOwnerSites(db, member!.did)).filter(isPublished));
    return renderPage(
      c,
      { title: memberName(member!), neighborhood },
      <ProfilePage
        sites={sites}
        member={member!}
        isOwner={isOwner}
        adminActions={!isOwner && isAdmin(viewer?.member)}
      />,
    );
  })
  .route('/', profileEdit);
