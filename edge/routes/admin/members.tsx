/**
 * /admin/members: every member with their role, and the admin actions on
 * them: promote, demote and remove, each of which asks first on its own page
 * (a POST without that page's `confirm` is sent to it and changes nothing).
 * The last admin cannot demote or remove themselves (409); anyone else
 * may step down. Each action is written to the audit log, and an admin
 * who is no longer one afterwards is sent to the front page, not a 404.
 */
import { Hono } from 'hono';
import { releaseGrant } from '../../auth/grant';
import type { AdminEnv } from '../../context';
import { recordAudit } from '../../db/audit';
import { type AuditAction } from '../../../core/records/audit';
import type { Dynamo } from '../../db/dynamo';
import { listByStatus, listDirectory } from '../../db/members';
import { memberName, type Member } from '../../../core/records/members';
import { remove, setRole } from '../../db/membership';
import { renderPage } from '../../render';
import { MembersAdminPage } from '../../../views/pages/admin/members';
import { RemoveMemberPage } from '../../../views/pages/admin/remove';
import { RoleChangePage, roleChangeWords, type RoleChange } from '../../../views/pages/admin/role';
import { memberAdminPath } from '../../../core/paths';
import type { Viewer } from '../../../core/records/sessions';
import { actor, doneWith, namedNotice, personAt, target, type Notices } from './shared';
import { hostHook } from '../../site-host';

const notices: Notices = {
  promoted: (name) => `${name ?? 'They'} ${name ? 'is' : 'are'} an admin now.`,
  demoted: (name) => `${name ?? 'They'} ${name ? 'is' : 'are'} a member now, no longer an admin.`,
  removed: (name) =>
    `${name ?? 'They'} ${name ? 'is' : 'are'} removed from the neighborhood and signed out everywhere.`,
};

/** Runs a role change or removal; the last admin's refusal becomes the friendly 409 page. */
async function act(
  db: Dynamo,
  viewer: Viewer,
  person: Member,
  action: Extract<AuditAction, `member.${string}`>,
  change: () => Promise<unknown>,
) {
  await change();
  await recordAudit(db, { ...actor(viewer), ...target(person), action });
}

/** Where to go afterwards: the list, unless the admin just stopped being one. */
const afterwards = (viewer: Viewer, person: Member, done: string) =>
  viewer.member.did === person.did ? '/' : `/admin/members?${doneWith(done, person)}`;

export const members = new Hono<AdminEnv>()
  .get('/', async (c) => {
    const db = c.get('db');
    const viewer = c.get('admin');
    const [unlisted, directory, notice] = await Promise.all([
      listByStatus(db, 'UNLISTED', { cursor: c.req.query('unlisted'), limit: 24 }),
      listDirectory(db, 'name', { cursor: c.req.query('after') }),
      namedNotice(db, notices, c.req.query('done'), c.req.query('who')),
    ]);
    const pageHref = (list: 'unlisted' | 'after', cursor: string) => {
      const query = new URLSearchParams(c.req.query());
      query.delete('done');
      query.delete('who');
      query.set(list, cursor);
      return `/admin/members?${query}`;
    };
    return renderPage(
      c,
      { title: 'Members' },
      <MembersAdminPage
        unlisted={unlisted.items}
        unlistedNext={unlisted.next}
        directory={directory.items}
        directoryNext={directory.next}
        pageHref={pageHref}
        viewerDid={viewer.member.did}
        notice={notice}
      />,
    );
  })
  .get('/:did/:change{promote|demote}', async (c) => {
    const viewer = c.get('admin');
    const person = await personAt(c.get('db'), c.req.param('did'), 'member');
    const change = c.req.param('change') as RoleChange;
    // Nothing to confirm: they already have the role asked for.
    if ((person.role === 'admin') === (change === 'promote'))
      return c.redirect('/admin/members', 303);
    return renderPage(
      c,
      {
        title: roleChangeWords(change, memberName(person), person.did === viewer.member.did).title,
      },
      <RoleChangePage
        member={person}
        change={change}
        you={person.did === viewer.member.did}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post('/:did/:change{promote|demote}', async (c) => {
    const viewer = c.get('admin');
    const person = await personAt(c.get('db'), c.req.param('did'), 'member');
    const change = c.req.param('change') as RoleChange;
    // Only the confirmation page's button acts; anything else is sent there first.
    if ((await c.req.parseBody()).confirm !== change)
      return c.redirect(memberAdminPath(person, change), 303);
    const role = change === 'promote' ? 'admin' : 'member';
    if (person.role !== role)
      await act(c.get('db'), viewer, person, `member.${change}`, () =>
        setRole(c.get('db'), person.did, role),
      );
    return c.redirect(afterwards(viewer, person, `${change}d`), 303);
  })
  .get('/:did/remove', async (c) => {
    const viewer = c.get('admin');
    const person = await personAt(c.get('db'), c.req.param('did'), 'member');
    return renderPage(
      c,
      { title: `Remove ${person.handle}?` },
      <RemoveMemberPage
        member={person}
        you={person.did === viewer.member.did}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post('/:did/remove', async (c) => {
    const viewer = c.get('admin');
    const person = await personAt(c.get('db'), c.req.param('did'), 'member');
    await act(c.get('db'), viewer, person, 'member.remove', () =>
      remove(
        c.get('db'),
        person.did,
        viewer.member,
        (did) => releaseGrant({ db: c.get('db'), oauthClient: c.get('oauthClient') }, did),
        hostHook(c, 'sync'),
      ),
    );
    return c.redirect(afterwards(viewer, person, 'removed'), 303);
  });
