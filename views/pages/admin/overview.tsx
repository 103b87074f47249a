/**
 * The admin area's front door: one link per section, with what is waiting
 * (pending requests) and how the neighborhood is set up right now.
 */
import type { Neighborhood } from '../../../core/records/neighborhood';
import { settingText } from './settings';

export interface AdminOverviewProps {
  neighborhood: Neighborhood;
  /** How many requests wait, and whether there are more than were counted. */
  pending: { count: number; more: boolean };
}

export function AdminOverview({ neighborhood, pending }: AdminOverviewProps) {
  const waiting = pending.count
    ? `${pending.count}${pending.more ? ' or more' : ''} waiting for an answer`
    : 'Nobody is waiting';
  return (
    <>
      <h1>Admin</h1>
      <ul>
        <li>
          <a href="/admin/requests">Requests to join</a>: {waiting}.
        </li>
        <li>
          <a href="/admin/invitations">Invitation links</a>: make, list and revoke them.
        </li>
        <li>
          <a href="/admin/members">Members</a>: make admins, step down, remove people.
        </li>
        <li>
          <a href="/admin/settings">Settings</a>: the name and welcome, who may see the directory
          (now: {settingText('directoryVisibility', neighborhood.directoryVisibility)}) and how
          people join (now: {settingText('joinPolicy', neighborhood.joinPolicy)}).
        </li>
        <li>
          <a href="/admin/audit">Audit log</a>: every admin action, newest first.
        </li>
      </ul>
    </>
  );
}
