/**
 * The admins' audit log: every admin action (settings, approvals, roles,
 * removals, invitations), newest first, in one partition sorted by time.
 */
import type { AuditEntry } from '../../core/records/audit';
import type { Dynamo, Page } from './dynamo';

export async function recordAudit(db: Dynamo, entry: Omit<AuditEntry, 'at'>): Promise<AuditEntry> {
  const saved = { ...entry, at: new Date().toISOString() };
  await db.put({ pk: 'AUDIT', sk: `${saved.at}#${crypto.randomUUID()}`, ...saved });
  return saved;
}

export async function listAudit(
  db: Dynamo,
  cursor?: string,
  limit = 25,
): Promise<Page<AuditEntry>> {
  const page = await db.page<AuditEntry & { pk: string; sk: string }>('AUDIT', {
    newestFirst: true,
    limit,
    cursor,
  });
  return { items: page.items.map(({ pk: _pk, sk: _sk, ...entry }) => entry), next: page.next };
}
