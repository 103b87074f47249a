/**
 * Small pieces every admin page shares: the admin area's own navigation,
 * the one-line notice shown after an action, and dates written the same
 * way everywhere (UTC, so every admin reads the same time).
 */
import { REMOVALS_PATH } from '../../../core/paths';

const sections = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/settings', label: 'Settings' },
  { href: '/admin/requests', label: 'Requests' },
  { href: '/admin/invitations', label: 'Invitations' },
  { href: '/admin/members', label: 'Members' },
  { href: REMOVALS_PATH, label: 'Removals' },
  { href: '/admin/audit', label: 'Audit log' },
];

/** Links to each admin section; the current one is marked for screen readers. */
export function AdminNav({ current }: { current: string }) {
  return (
    <nav aria-label="Admin">
      <ul class="inline">
        {sections.map((s) => (
          <li>
            <a href={s.href} aria-current={s.href === current ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What just happened, after a redirect. */
export function Notice({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** A date and time as a `<time>` element, e.g. "3 May 2026, 14:05 UTC". */
export function When({ at }: { at: string | number }) {
  const date = typeof at === 'number' ? new Date(at * 1000) : new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  return <time datetime={date.toISOString()}>{dateFormat.format(date)} UTC</time>;
}
