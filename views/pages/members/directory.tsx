/**
 * The member directory: everyone who chose to be listed, newest first or by
 * name, a page at a time. The order switch and the next page are plain
 * links, so it works the same in lynx. Each card links its neighbor's
 * published sites.
 */
import { memberName, type DirectoryOrder, type MemberSummary } from '../../../core/records/members';
import { SiteLinks, type SiteLink } from '../../components/site-links';
import { MemberCard } from '../../components/member-card';
import { Pager } from '../../components/pager';
import { directoryPath } from '../../../core/paths';

export interface DirectoryPageProps {
  members: MemberSummary[];
  /** Published sites by their owner's DID. */
  sites: Record<string, SiteLink[]>;
  order: DirectoryOrder;
  next?: string;
  /** Whether this is a later page (so an empty one is not "nobody yet"). */
  paged: boolean;
}

const orders: { value: DirectoryOrder; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'name', label: 'By name' },
];

export function DirectoryPage({ members, sites, order, next, paged }: DirectoryPageProps) {
  return (
    <>
      <h1>Neighbors</h1>
      <nav aria-label="Order">
        <ul class="inline">
          {orders.map((o) => (
            <li>
              {o.value === order ? (
                <strong aria-current="page">{o.label}</strong>
              ) : (
                <a href={directoryPath(o.value)}>{o.label}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {members.length ? (
        <ul class="members">
          {members.map((m) => (
            <MemberCard member={m}>
              <SiteLinks sites={sites[m.did] ?? []} label={`${memberName(m)}’s sites`} />
            </MemberCard>
          ))}
        </ul>
      ) : (
        <p class="card">
          {paged ? 'No more neighbors on this page.' : 'Nobody is listed in the directory yet.'}{' '}
          {paged && <a href={directoryPath(order)}>Back to the first page</a>}
        </p>
      )}
      <Pager next={next} href={(cursor) => directoryPath(order, cursor)} />
    </>
  );
}
