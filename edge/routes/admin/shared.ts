/**
 * Pieces every admin route shares: who did something and to whom (for the
 * audit log), the member an address names, and the few form rules the
 * admin forms have in common. Access itself is checked once, where the area is mounted.
 */
import { z } from 'zod';
import type { Dynamo } from '../../db/dynamo';
import { getMember } from '../../db/members';
import { memberName, type Member } from '../../../core/records/members';
import { notFound } from '../../errors';
import type { Viewer } from '../../../core/records/sessions';

/** The audit log's "who did it". */
export const actor = ({ member }: Viewer) => ({
  actorDid: member.did,
  actorHandle: member.handle,
});

/** The audit log's "to whom". */
export const target = (m: Member) => ({ targetDid: m.did, targetHandle: m.handle });

const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}$/;

/** Whether `did` (from an address) looks like a DID at all. */
export const isDid = (did: string) => DID.test(did);

/**
 * The person a `:did` in the address names, or a 404 when there is nobody
 * there (or, with `status`, when they are not in that state).
 */
export async function personAt(
  db: Dynamo,
  did: string,
  status?: Member['status'],
): Promise<Member> {
  const person = isDid(did) ? await getMember(db, did) : undefined;
  if (!person || (status && person.status !== status)) throw notFound();
  return person;
}

/** A whole number typed into a form, between `min` and `max`; an empty box is a problem, not 0. */
export const wholeNumber = (min: number, max: number) => {
  const message = `Enter a whole number from ${min} to ${max}.`;
  return z
    .string({ required_error: message })
    .trim()
    .min(1, message)
    .pipe(
      z.coerce
        .number({ invalid_type_error: message })
        .int(message)
        .min(min, message)
        .max(max, message),
    );
};

/** Optional free text of at most `max` characters, trimmed. */
export const optionalText = (max: number, what: string) =>
  z.string().trim().max(max, `Keep ${what} to ${max} characters or fewer.`).default('');

/** What to say after an action, given the person's name (none when they are no longer known). */
export type Notices = Record<string, (name?: string) => string>;

/**
 * The notice after a redirect (`?done=…&who=did`), naming the person acted
 * on. The name is read from the table, never from the address, so a crafted
 * link cannot put words on an admin's page.
 */
export async function namedNotice(
  db: Dynamo,
  notices: Notices,
  done: string | undefined,
  who: string | undefined,
): Promise<string | undefined> {
  const say = notices[done ?? ''];
  if (!say) return undefined;
  const person = who && isDid(who) ? await getMember(db, who) : undefined;
  return say(person && memberName(person));
}

/** The query that names who an action was about, for `namedNotice`. */
export const doneWith = (done: string, m: Pick<Member, 'did'>) =>
  `done=${done}&who=${encodeURIComponent(m.did)}`;
