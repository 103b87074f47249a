/**
 * The neighborhood's membership rules, in one place: joining (openly, on
 * approval, by invitation), admins' decisions, roles, leaving, removal and
 * account deletion. Routes call these; none of them trusts the UI.
 *
 * "The last admin cannot leave" is kept with an admin counter that is only
 * ever decremented by a conditional write (`count > 1`), so two admins
 * demoting each other at the same moment cannot both succeed. No
 * transactions are needed, so it runs on dynalite too.
 */
import { oauthSessionKey, type Member } from '../../core/records/members';
import { conditionally } from './conditional';
import type { Dynamo } from './dynamo';
import { useInvitation } from './invitations';
import { type InvitationState } from '../../core/records/invitations';
import { deleteMember, getMember, updateMember } from './members';
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

/** Makes a configured first admin an admin member at sign-in (idempotent). */
export async function ensureAdmin(db: Dynamo, did: string): Promise<Member | undefined> {
  let promoted = false;
  const saved = await updateMember(db, did, (m) => {
    if (!m || (m.status === 'member' && m.role === 'admin')) return undefined;
    promoted = true;
    return asMember(m, 'admin');
  });
  if (promoted) await countAdmin(db, 1);
  return saved;
}

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

export async function setRole(
  db: Dynamo,
  did: string,
  role: Member['role'],
): Promise<Member | undefined> {
  const current = await getMember(db, did);
  if (current?.status !== 'member' || current.role === role) return current;
  if (role === 'member') await countAdmin(db, -1);
  try {
    const saved = await updateMember(db, did, (m) =>
      m?.status === 'member' ? { ...m, role } : undefined,
    );
    if (role === 'admin') await countAdmin(db, 1);
    return saved;
  } catch (error) {
    if (role === 'member') await countAdmin(db, 1);
    throw error;
  }
}

/** Ends someone's membership (they leave, or an admin removes them) and all their sessions. */
async function endMembership(
  db: Dynamo,
  did: string,
  status: 'visitor' | 'removed',
): Promise<Member | undefined> {
  const current = await getMember(db, did);
  if (!current || current.status === status) return current;
  const wasAdmin = current.status === 'member' && current.role === 'admin';
  if (wasAdmin) await countAdmin(db, -1);
  try {
    const saved = await updateMember(db, did, (m) =>
      m
        ? {
            ...m,
            status,
            role: 'member',
            removedAt: status === 'removed' ? now() : undefined,
            joinedAt: undefined,
            decisionMessage: undefined,
          }
        : undefined,
    );
    if (status === 'removed') await forgetSessions(db, did);
    return saved;
  } catch (error) {
    if (wasAdmin) await countAdmin(db, 1);
    throw error;
  }
}

export const leave = (db: Dynamo, did: string) => endMembership(db, did, 'visitor');
/** Removal signs them out everywhere at once; their data is kept 30 days, then purged. */
export const remove = (db: Dynamo, did: string) => endMembership(db, did, 'removed');

async function forgetSessions(db: Dynamo, did: string): Promise<void> {
  await deleteAllSessions(db, did);
  await db.delete(oauthSessionKey(did));
}

/** Deletes the person's account here: profile and membership gone, every session ended. */
export async function deleteAccount(db: Dynamo, member: Member): Promise<void> {
  if (member.status === 'member' && member.role === 'admin') await countAdmin(db, -1);
  await forgetSessions(db, member.did);
  await deleteMember(db, member);
}
