/** What the admins' audit log records: every admin action, who did it and to whom. */

export type AuditAction =
  | 'settings.update'
  | 'request.approve'
  | 'request.decline'
  | 'member.promote'
  | 'member.demote'
  | 'member.remove'
  | 'invitation.create'
  | 'invitation.revoke'
  | 'removal.lift';

export interface AuditEntry {
  at: string;
  action: AuditAction;
  actorDid: string;
  actorHandle: string;
  targetDid?: string;
  targetHandle?: string;
  /** A few plain words: what changed, the message sent, the invitation's note. */
  detail?: string;
}
