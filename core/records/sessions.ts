/**
 * How our own sign-in sessions are stored: under their member's partition,
 * so every session of one member can be listed and revoked together; and
 * who is looking at a page (a member and their live session). Pure: no I/O.
 */
import { memberPartition, type Member } from './members';

export interface Session {
  id: string;
  did: string;
  createdAt: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export const sessionKey = (did: string, id: string) => ({
  pk: memberPartition(did),
  sk: `SESSION#${id}`,
});

/** Who is looking at a page: a signed-in member and their session. */
export interface Viewer {
  member: Member;
  session: Session;
}
