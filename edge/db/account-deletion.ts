/**
 * Deleting a person's account: their sites and content first, then their
 * site count, profile and membership (keeping the admin counter true), and
 * every session and OAuth grant. Kept apart from the joining and removal
 * rules in `membership.ts`, which re-exports it.
 */
import { isAdmin, type Member } from '../../core/records/members';
import { adminCountKey } from '../../core/records/neighborhood';
import { siteCountKey } from '../../core/records/sites';
import { countAdmin, LastAdminError } from './admin-count';
import type { Dynamo } from './dynamo';
import { tellHost, type HostHook } from './host-hook';
import { deleteMember, getMember, MemberVersionConflict } from './members';
import { getRemoval } from './removals';
import { forgetSessions, type RevokeGrant } from './sessions';
import { closeOwnerSites, DELETION_BUDGET } from './site-closing';

/** How many admins the counter says there are: read before deletion touches any site. */
async function adminCount(db: Dynamo): Promise<number> {
  return Number((await db.get<{ count?: number }>(adminCountKey))?.count ?? 0);
}

/**
 * Deletes the person's account here: their sites and all their content
 * first (`site-closing.ts`: the sites vanish at once, the names stay held,
 * and `purgeHost` is told each site once it is closed, on every attempt),
 * then their site count, profile and membership, and every session.
 * Returns `'unfinished'` when the sites took more than `budget` allows: the
 * account is then still there (sites closed, partly purged) and calling
 * again carries on. The last admin is refused before anything is touched.
 */
export async function deleteAccount(
  db: Dynamo,
  member: Pick<Member, 'did'>,
  {
    revokeGrant,
    purgeHost,
    budget = DELETION_BUDGET,
  }: { revokeGrant?: RevokeGrant; purgeHost?: HostHook; budget?: number } = {},
): Promise<'deleted' | 'unfinished'> {
  const person = await getMember(db, member.did);
  if (isAdmin(person) && (await adminCount(db)) <= 1) throw new LastAdminError();
  // Removed before removal records existed: write it now, or deleting would free them.
  if (person?.status === 'removed') await getRemoval(db, member.did);
  const closed = (names: readonly string[]) => tellHost(purgeHost, names);
  if (!(await closeOwnerSites(db, member.did, { left: budget }, closed))) return 'unfinished';
  await db.delete(siteCountKey(member.did));
  for (let attempt = 0; ; attempt++) {
    const current = await getMember(db, member.did);
    if (!current) break;
    if (isAdmin(current)) await countAdmin(db, -1);
    const deleted = await deleteMember(db, current);
    if (deleted) break;
    if (isAdmin(current)) await countAdmin(db, 1);
    if (attempt >= 5) throw new MemberVersionConflict(await getMember(db, member.did));
  }
  await forgetSessions(db, member.did, revokeGrant);
  return 'deleted';
}
