/**
 * The neighborhood's membership rules, in one place: joining (openly, on
 * approval, by invitation), admins' decisions, roles, leaving, removal and
 * account deletion. Routes call these; none of them trusts the UI.
 *
 * "The last admin cannot leave" is kept with an admin counter that is only
 * ever decremented by a conditional write (`count > 1`), so two admins
 * demoting each other at the same moment cannot both succeed, and that
 * moves only when a role change really happened: every change of role or
 * status is written over the version it was read at (`changeMember`). No
 * transactions are needed, so it runs on dynalite too.
 */
import { isAdmin, oauthSessionKey, type Member } from '../../core/records/members';
import { conditionally } from './conditional';
import type { Dynamo } from './dynamo';
import { useInvitation } from './invitations';
import { type InvitationState } from '../../core/records/invitations';
import { deleteMember, getMember, MemberVersionConflict, putMember, updateMember } from './members';
import { adminCountKey, type JoinPolicy } from '../../core/records/neighborhood';
import { deleteAllSessions } from './sessions';

export class LastAdminError extends Error {
  override name = 'LastAdminError';
  constructor() {
    super('the neighborhood needs at least one admin');
  }
}

async function countAdmin(db: Dynamo, delta: 1 | -1): Promise<void> {
  const counted = await conditionally(
    db.update(adminCountKey, 'ADD #count :delta', {
      names: { '#count': 'count' },
      values: { ':delta': delta, ...(delta < 0 && { ':one': 1 }) },
      ...(delta < 0 && { condition: '#count > :one' }),
    }),
  );
  if (!counted.written) throw new LastAdminError();
}

const now = () => new Date().toISOString();

function asMember(m: Member, role = m.role): Member {
  return {
    ...m,
    status: 'member',
    role,
    joinedAt: m.status === 'member' ? m.joinedAt : now(),
    decisionMessage: undefined,
    removedAt: undefined,
  };
}

/**
 * Changes one person's place in the neighborhood and keeps the admin counter
 * true. `change` decides from the person as read; the write is made only
 * over the version read, so of two racing calls only the one whose write
 * really changed the role moves the counter (the other re-reads and, seeing
 * nothing left to do, leaves it alone). Taking an admin away decrements the
 * counter first (refused for the last admin) and gives it back if the write
 * did not happen; making an admin raises it only after the write.
 */
async function changeMember(
  db: Dynamo,
  did: string,
  change: (current: Member) => Member | undefined,
): Promise<Member | undefined> {
  for (let attempt = 0; ; attempt++) {
    const current = await getMember(db, did);
    const next = current && change(current);
    if (!current || !next) return current;
    const delta = Number(isAdmin(next)) - Number(isAdmin(current));
    if (delta < 0) await countAdmin(db, -1);
    let saved: Member;
    try {
      saved = await putMember(db, next, current.version, current.handle);
    } catch (error) {
      if (delta < 0) await countAdmin(db, 1);
      if (error instanceof MemberVersionConflict && attempt < 5) continue;
      throw error;
    }
    if (delta > 0) await countAdmin(db, 1);
    return saved;
  }
}

/** Makes a configured first admin an admin member at sign-in (idempotent). */
export const ensureAdmin = (db: Dynamo, did: string) =>
  changeMember(db, did, (m) => (isAdmin(m) ? undefined : asMember(m, 'admin')));

/** A non-member asks to join: in at once if the neighborhood is open, else pending. */
export async function requestToJoin(
  db: Dynamo,
  did: string,
  policy: Exclude<JoinPolicy, 'invitation'>,
) {
  return updateMember(db, did, (m) => {
    if (!m || m.status === 'member' || m.status === 'pending') return undefined;
    if (policy === 'open') return asMember(m);
    return { ...m, status: 'pending', requestedAt: now(), decisionMessage: undefined };
  });
}

/** Joins with an invitation link; anything but `valid` means they did not join. */
export async function joinWithInvitation(
  db: Dynamo,
  did: string,
  code: string,
): Promise<InvitationState | 'missing'> {
  const state = await useInvitation(db, code);
  if (state === 'valid')
    await updateMember(db, did, (m) => (m && m.status !== 'member' ? asMember(m) : undefined));
  return state;
}

/**
 * An admin's answer to a pending request; `message` is shown to the person.
 * Returns the person as saved, or `undefined` if the request was no longer
 * pending (another admin answered first, or they withdrew).
 */
export async function decide(db: Dynamo, did: string, approve: boolean, message?: string) {
  let decided = false;
  const saved = await updateMember(db, did, (m) => {
    decided = m?.status === 'pending';
    if (!m || !decided) return undefined;
    return approve
      ? { ...asMember(m), decisionMessage: message }
      : { ...m, status: 'visitor', decisionMessage: message };
  });
  return decided ? saved : undefined;
}

/** Makes a member an admin or an admin a member; anyone else is left as they are. */
export const setRole = (db: Dynamo, did: string, role: Member['role']) =>
  changeMember(db, did, (m) =>
    m.status === 'member' && m.role !== role ? { ...m, role } : undefined,
  );

/** Ends someone's membership (they leave, or an admin removes them) and, on removal, all their sessions. */
async function endMembership(
  db: Dynamo,
  did: string,
  status: 'visitor' | 'removed',
): Promise<Member | undefined> {
  const saved = await changeMember(db, did, (m) =>
    m.status === status
      ? undefined
      : {
          ...m,
          status,
          role: 'member',
          removedAt: status === 'removed' ? now() : undefined,
          joinedAt: undefined,
          decisionMessage: undefined,
        },
  );
  if (status === 'removed') await forgetSessions(db, did);
  return saved;
}

export const leave = (db: Dynamo, did: string) => endMembership(db, did, 'visitor');
/** Removal signs them out everywhere at once; their data is kept 30 days, then purged. */
export const remove = (db: Dynamo, did: string) => endMembership(db, did, 'removed');

async function forgetSessions(db: Dynamo, did: string): Promise<void> {
  await deleteAllSessions(db, did);
  await db.delete(oauthSessionKey(did));
}

/** Deletes the person's account here: profile and membership gone, every session ended. */
export async function deleteAccount(db: Dynamo, member: Pick<Member, 'did'>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await getMember(db, member.did);
    if (!current) break;
    if (isAdmin(current)) await countAdmin(db, -1);
    const deleted = await deleteMember(db, current);
    if (deleted) break;
    if (isAdmin(current)) await countAdmin(db, 1);
    if (attempt >= 5) throw new MemberVersionConflict(await getMember(db, member.did));
  }
  await forgetSessions(db, member.did);
}
