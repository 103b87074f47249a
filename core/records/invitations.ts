/**
 * How invitation links are stored, and the state a link is in (valid,
 * expired, used up or revoked). Pure: no I/O.
 */
import { nowSeconds } from './time';

export interface Invitation {
  code: string;
  createdAt: string;
  createdByDid: string;
  createdByHandle: string;
  /** Epoch seconds after which the link no longer works. */
  validUntil: number;
  maxUses: number;
  uses: number;
  note?: string;
  revokedAt?: string;
}

export type InvitationState = 'valid' | 'expired' | 'used-up' | 'revoked';

export const invitationKey = (code: string) => ({ pk: `INVITATION#${code}`, sk: 'INVITATION' });
/** Kept this long after expiring, for the admins' list, then deleted by DynamoDB. */
export const KEEP_AFTER_EXPIRY_SECONDS = 30 * 24 * 60 * 60;

export function invitationState(i: Invitation, now = nowSeconds()): InvitationState {
  if (i.revokedAt) return 'revoked';
  if (i.uses >= i.maxUses) return 'used-up';
  if (i.validUntil <= now) return 'expired';
  return 'valid';
}
