/**
 * The audit log, newest first, one plain sentence per admin action
 * ("alice.test approved bob.test’s request: “Welcome!”"), paged.
 */
import type { AuditEntry } from '../../../core/records/audit';
import { Pager } from '../../components/pager';
import { AdminNav, When } from './common';

/** One entry in plain words. */
export function auditSentence(e: AuditEntry): string {
  const who = e.actorHandle;
  const whom = e.targetHandle ?? 'someone';
  const self = e.targetDid === e.actorDid;
  const said = e.detail ? `: “${e.detail}”` : '';
  switch (e.action) {
    case 'settings.update':
      return `${who} changed the settings${e.detail ? `: ${e.detail}` : ''}`;
    case 'request.approve':
      return `${who} approved ${whom}’s request${said}`;
    case 'request.decline':
      return `${who} declined ${whom}’s request${said}`;
    case 'member.promote':
      return `${who} made ${whom} an admin`;
    case 'member.demote':
      return self ? `${who} stepped down as admin` : `${who} made ${whom} a member, not an admin`;
    case 'member.remove':
      return `${who} removed ${self ? 'themselves' : whom} from the neighborhood`;
    case 'invitation.create':
      return `${who} made the invitation link ${e.detail ?? ''}`;
    case 'invitation.revoke':
      return `${who} revoked the invitation link ${e.detail ?? ''}`;
    case 'removal.lift':
      return `${who} lifted the removal of ${whom}${e.detail ? ` (${e.detail})` : ''}`;
    default:
      return `${who}: ${String(e.action)}${e.detail ? ` (${e.detail})` : ''}`;
  }
}

export interface AuditPageProps {
  entries: AuditEntry[];
  next?: string;
  /** Whether this is a later page (then it links back to the newest). */
  later: boolean;
}

export function AuditPage({ entries, next, later }: AuditPageProps) {
  return (
    <>
      <h1>Audit log</h1>
      <AdminNav current="/admin/audit" />
      <p class="hint">Every admin action, newest first. Times are UTC.</p>
      {entries.length ? (
        <ol class="plain">
          {entries.map((e) => (
            <li>
              <When at={e.at} />: {auditSentence(e)}.
            </li>
          ))}
        </ol>
      ) : (
        <p>Nothing yet.</p>
      )}
      <Pager next={next} href={(cursor) => `/admin/audit?after=${encodeURIComponent(cursor)}`} />
      {later && (
        <p>
          <a href="/admin/audit">Back to the newest</a>
        </p>
      )}
    </>
  );
}
