/**
 * The neighborhood's membership rules, in one place: joining (openly, on
 * approval, by invitation), admins' decisions, roles, leaving, removal and
 * account deletion (`account-deletion.ts`, re-exported here). Routes call
 * these; none of them trusts the UI.
 * Every change of role or status goes through `changeMember`
 * (`admin-count.ts`), which keeps the admin counter true, so the last admin
 * cannot leave. A removal is also a record of its own (`removals.ts`) that
 * outlives the person's account; joining consults it.
 */
import { isAdmin, memberName, type Member } from '../../core/records/members';
import { invitationReadmits } from '../../core/records/removals';
import { recordAudit } from './audit';
import { changeMember } from './admin-count';
import { conditionally } from './conditional';
import type { Dynamo } from './dynamo';
import { getInvitation, useInvitation } from './invitations';
import { type InvitationState } from '../../core/records/invitations';
import { getMember, updateMember } from './members';
import { adminBootstrapKey, type JoinPolicy } from '../../core/records/neighborhood';
import { deleteRemoval, getRemoval, putRemoval, storedRemoval } from './removals';
import { forgetSessions, type RevokeGrant } from './sessions';
import { setSitesOffline } from './sites';
import { tellHost, type HostHook } from './host-hook';

export { LastAdminError } from './admin-count';
export type { HostHook } from './host-hook';

/** The person's removal stands: they cannot join, ask to join or be made an admin. */
export class StillRemoved extends Error {
  override name = 'StillRemoved';
  constructor() {
    super('removed from the neighborhood');
  }
}

const now = () => new Date().toISOString();

export type { RevokeGrant } from './sessions';

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
 * Makes a configured first admin an admin member at sign-in. `entries` are
 * the configured entries that name this person (their DID, their handle);
 * each is used once (`adminBootstrapKey`), and from then on the admins
 * decide: someone they demoted signs in again as a member, and a handle
 * that lapsed and was registered by someone else grants nothing. Never
 * someone whose removal stands, whatever the configuration says.
 */
export async function ensureAdmin(
  db: Dynamo,
  did: string,
  entries: readonly string[] = [did],
): Promise<Member | undefined> {
  if (await getRemoval(db, did)) return getMember(db, did);
  const unused: string[] = [];
  for (const entry of entries) if (!(await db.get(adminBootstrapKey(entry)))) unused.push(entry);
  if (unused.length === 0) return getMember(db, did);
  const saved = await changeMember(db, did, (m) =>
    isAdmin(m) || m.status === 'removed' ? undefined : asMember(m, 'admin'),
  );
  // Recorded after the grant: a record lost in between costs one more grant
  // at the next sign-in, where the other order could leave no admin at all.
  if (isAdmin(saved)) {
    for (const entry of unused) {
      await conditionally(
        db.put(
          { ...adminBootstrapKey(entry), did, grantedAt: now() },
          { condition: 'attribute_not_exists(pk)' },
        ),
      );
    }
  }
  return saved;
}

/**
 * A non-member asks to join: in at once if the neighborhood is open, else
 * pending. Throws `StillRemoved` for someone whose removal stands.
 */
export async function requestToJoin(
  db: Dynamo,
  did: string,
  policy: Exclude<JoinPolicy, 'invitation'>,
) {
  if (await getRemoval(db, did)) throw new StillRemoved();
  return updateMember(db, did, (m) => {
    if (!m || m.status === 'member' || m.status === 'pending' || m.status === 'removed')
      return undefined;
    if (policy === 'open') return asMember(m);
    return { ...m, status: 'pending', requestedAt: now(), decisionMessage: undefined };
  });
}

/**
 * Joins with an invitation link; anything but `valid` means they did not
 * join. Someone whose removal stands gets `removed`, unless the link was
 * made after their removal (`invitationReadmits`): then joining lifts it,
 * in the name of the admin who made the link.
 */
export async function joinWithInvitation(
  db: Dynamo,
  did: string,
  code: string,
  syncHost?: HostHook,
): Promise<InvitationState | 'missing' | 'removed'> {
  const removal = await getRemoval(db, did);
  const invitation = removal && (await getInvitation(db, code));
  if (removal && !invitation) return 'missing';
  if (invitation && !invitationReadmits(invitation, removal!)) return 'removed';
  const state = await useInvitation(db, code);
  if (state !== 'valid') return state;
  if (invitation) {
    const by = { did: invitation.createdByDid, handle: invitation.createdByHandle };
    const detail = 'joined with an invitation link made after the removal';
    await liftRemoval(db, did, by, detail, syncHost);
  }
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

/**
 * The person takes back their pending request: they are a visitor again and
 * may ask again. Returns them as saved, or `undefined` if nothing was
 * pending (an admin answered first).
 */
export async function withdrawRequest(db: Dynamo, did: string) {
  let withdrawn = false;
  const saved = await updateMember(db, did, (m) => {
    withdrawn = m?.status === 'pending';
    if (!m || !withdrawn) return undefined;
    return { ...m, status: 'visitor', requestedAt: undefined, decisionMessage: undefined };
  });
  return withdrawn ? saved : undefined;
}

/** The person has read an admin's welcome or answer; it is no longer shown to them. */
export const dismissAnswer = (db: Dynamo, did: string) =>
  updateMember(db, did, (m) =>
    m?.decisionMessage ? { ...m, decisionMessage: undefined } : undefined,
  );

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
  revokeGrant?: RevokeGrant,
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
  if (status === 'removed') await forgetSessions(db, did, revokeGrant);
  return saved;
}

export const leave = (db: Dynamo, did: string) => endMembership(db, did, 'visitor');

/** Who did something, for the records that keep it. */
type By = Pick<Member, 'did' | 'handle'>;

/**
 * Removes a member: signs them out everywhere at once and takes their sites
 * offline, in the table and then, through `syncHost`, at the host. The removal record is written first, so a removal that fails
 * halfway never leaves them free to come back; it is taken back if the
 * membership could not be ended (the last admin). Their profile data is kept
 * 30 days, then purged; the removal stays until an admin lifts it.
 */
export async function remove(
  db: Dynamo,
  did: string,
  by: By,
  revokeGrant?: RevokeGrant,
  syncHost?: HostHook,
): Promise<Member | undefined> {
  const person = await getMember(db, did);
  if (!person) return undefined;
  await putRemoval(db, {
    did,
    handle: person.handle,
    name: memberName(person),
    removedAt: now(),
    removedByDid: by.did,
    removedByHandle: by.handle,
  });
  let saved: Member | undefined;
  try {
    saved = await endMembership(db, did, 'removed', revokeGrant);
  } catch (error) {
    await deleteRemoval(db, did);
    throw error;
  }
  await tellHost(syncHost, await setSitesOffline(db, did, true));
  return saved;
}

/**
 * Lifts a standing removal: they may sign in, ask to join or be invited
 * like anyone else, and their sites are theirs again (and, through
 * `syncHost`, back on the host if they were published). Written to the audit
 * log in the name of `by`. Returns the removal lifted, or undefined if there
 * was none (another admin lifted it first).
 */
export async function liftRemoval(
  db: Dynamo,
  did: string,
  by: By,
  detail?: string,
  syncHost?: HostHook,
) {
  if (!(await storedRemoval(db, did))) return undefined;
  // The member item first: while the record stands they are still removed, and
  // once it is gone no member item is left that would write it back.
  await updateMember(db, did, (m) =>
    m?.status === 'removed' ? { ...m, status: 'visitor', removedAt: undefined } : undefined,
  );
  const lifted = await deleteRemoval(db, did);
  if (!lifted) return undefined;
  const sites = await setSitesOffline(db, did, false);
  await recordAudit(db, {
    action: 'removal.lift',
    actorDid: by.did,
    actorHandle: by.handle,
    targetDid: did,
    targetHandle: lifted.handle,
    detail,
  });
  await tellHost(syncHost, sites);
  return lifted;
}

export { DELETION_BUDGET } from './site-closing';
export { deleteAccount } from './account-deletion';
