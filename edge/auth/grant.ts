/**
 * What becomes of a person's OAuth grant. nbhd asks for one only to learn
 * who is signing in: after the callback nothing uses the tokens (profiles
 * come from public endpoints, `profile.ts`), so they are revoked at the PDS
 * at once, and whatever happens there, none stays in the table.
 */
import type { Services } from '../context';
import { forgetGrant, holdsGrant } from '../db/oauth-store';
import { failureSummary } from '../failure-log';

/**
 * Revokes at the PDS the grant still stored for `did`, if any, and deletes
 * it here. Best-effort and quiet: a PDS that cannot be reached is logged,
 * and the stored tokens are deleted all the same. Never throws.
 */
export async function releaseGrant(
  { db, oauthClient }: Pick<Services, 'db' | 'oauthClient'>,
  did: string,
): Promise<void> {
  try {
    if (!(await holdsGrant(db, did))) return;
    // The library deletes the stored session after asking the PDS, whatever it answers.
    await (await oauthClient()).revoke(did);
  } catch (error) {
    console.warn('oauth revoke failed', did, failureSummary(error));
    await forgetGrant(db, did).catch((error: unknown) => {
      console.warn('oauth grant delete failed', did, failureSummary(error));
    });
  }
}
