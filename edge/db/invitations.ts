/**
 * Invitation links. An admin makes one with an expiry, a maximum number of
 * uses and an optional note; using it is a conditional increment, so a link
 * can never be used more often than allowed, even by people joining at the
 * same moment. Revoked and used-up links stay listed so admins can see them.
 */
import { conditionally } from './conditional';
import {
  type Invitation,
  type InvitationState,
  KEEP_AFTER_EXPIRY_SECONDS,
  invitationKey,
  invitationState,
} from '../../core/records/invitations';
import type { Dynamo, Page } from './dynamo';
import { nowSeconds } from '../../core/records/time';

function newCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export async function createInvitation(
  db: Dynamo,
  input: Pick<Invitation, 'createdByDid' | 'createdByHandle' | 'maxUses' | 'note'> & {
    validDays: number;
  },
): Promise<Invitation> {
  const invitation: Invitation = {
    code: newCode(),
    createdAt: new Date().toISOString(),
    createdByDid: input.createdByDid,
    createdByHandle: input.createdByHandle,
    validUntil: nowSeconds() + input.validDays * 24 * 60 * 60,
    maxUses: input.maxUses,
    uses: 0,
    note: input.note,
  };
  await db.put({
    ...invitationKey(invitation.code),
    ...invitation,
    gsi1pk: 'INVITATIONS',
    gsi1sk: `${invitation.createdAt}#${invitation.code}`,
    expiresAt: invitation.validUntil + KEEP_AFTER_EXPIRY_SECONDS,
  });
  return invitation;
}

const strip = ({
  pk: _a,
  sk: _b,
  gsi1pk: _c,
  gsi1sk: _d,
  expiresAt: _e,
  ...i
}: Record<string, unknown>) => i as unknown as Invitation;

export async function getInvitation(db: Dynamo, code: string): Promise<Invitation | undefined> {
  if (!/^[\w-]{10,40}$/.test(code)) return undefined;
  const item = await db.get<Record<string, unknown>>(invitationKey(code));
  return item ? strip(item) : undefined;
}

export async function listInvitations(db: Dynamo, cursor?: string): Promise<Page<Invitation>> {
  const page = await db.page<Record<string, unknown>>('INVITATIONS', {
    index: 'byTime',
    newestFirst: true,
    limit: 25,
    cursor,
  });
  return { items: page.items.map(strip), next: page.next };
}

export async function revokeInvitation(db: Dynamo, code: string): Promise<Invitation | undefined> {
  const revoked = await conditionally(
    db.update(invitationKey(code), 'SET revokedAt = if_not_exists(revokedAt, :now)', {
      condition: 'attribute_exists(pk)',
      values: { ':now': new Date().toISOString() },
    }),
  );
  return revoked.written ? strip(revoked.value) : undefined;
}

/**
 * Counts one use of the link if it is still valid. Returns the state the
 * person should be told about: `valid` means they may join. A count whose
 * answer was lost throws `DynamoUncertainWrite` (never replayed): the person
 * tries again, and the link has at worst one use fewer left, never more.
 */
export async function useInvitation(
  db: Dynamo,
  code: string,
): Promise<InvitationState | 'missing'> {
  const used = await conditionally(
    db.update(invitationKey(code), 'ADD uses :one', {
      condition:
        'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND uses < maxUses AND validUntil > :now',
      values: { ':one': 1, ':now': nowSeconds() },
    }),
  );
  if (used.written) return 'valid';
  const current = await getInvitation(db, code);
  return current ? invitationState(current) : 'missing';
}
