/**
 * Members, for admins: those who chose not to be listed, then the directory
 * A–Z. Each shows their role and links to what an admin may do: make admin,
 * step down / make member, and remove, each of which asks first.
 */
import type { MemberSummary } from '../../../core/records/members';
import { MemberCard } from '../../components/member-card';
import { Pager } from '../../components/pager';
import { AdminNav, Notice } from './common';
import { memberAdminPath } from '../../../core/paths';

interface RowProps {
  member: MemberSummary;
  viewerDid: string;
}

function MemberRow({ member: m, viewerDid }: RowProps) {
  const you = m.did === viewerDid;
  const admin = m.role === 'admin';
  return (
    <MemberCard member={m}>
      <p>
        {admin ? 'Admin' : 'Member'}
        {you && ' (you)'}
      </p>
      <div class="actions">
        <a href={memberAdminPath(m, admin ? 'demote' : 'promote')}>
          {admin ? (you ? 'Step down as admin…' : 'Make member…') : 'Make admin…'}
        </a>
        <a href={memberAdminPath(m, 'remove')}>Remove…</a>
      </div>
    </MemberCard>
  );
}

export interface MembersAdminPageProps {
  unlisted: MemberSummary[];
  unlistedNext?: string;
  directory: MemberSummary[];
  directoryNext?: string;
  /** Builds a link to this page with one list moved on to `cursor`. */
  pageHref: (list: 'unlisted' | 'after', cursor: string) => string;
  viewerDid: string;
  notice?: string;
}

export function MembersAdminPage(props: MembersAdminPageProps) {
  const row = (m: MemberSummary) => <MemberRow member={m} viewerDid={props.viewerDid} />;
  return (
    <>
      <h1>Members</h1>
      <AdminNav current="/admin/members" />
      <Notice text={props.notice} />
      <section aria-labelledby="unlisted-heading">
        <h2 id="unlisted-heading">Not in the directory</h2>
        <p class="hint">Members who chose not to be listed. Only admins see them here.</p>
        {props.unlisted.length ? (
          <ul class="members">{props.unlisted.map(row)}</ul>
        ) : (
          <p>Everyone is listed.</p>
        )}
        <Pager next={props.unlistedNext} href={(c) => props.pageHref('unlisted', c)} />
      </section>
      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">In the directory, A–Z</h2>
        {props.directory.length ? (
          <ul class="members">{props.directory.map(row)}</ul>
        ) : (
          <p>Nobody is listed yet.</p>
        )}
        <Pager next={props.directoryNext} href={(c) => props.pageHref('after', c)} />
      </section>
    </>
  );
}
