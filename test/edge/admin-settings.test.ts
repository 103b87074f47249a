/**
 * GET/POST /admin/settings: the form shows what is saved; bad input comes
 * back (400) with each problem next to its field and the input kept; a
 * stale form (someone saved meanwhile) comes back (409) with what differs
 * and overwrites nothing; a good save redirects with "Saved" and is in the
 * audit log with the settings it changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../edge/db/audit';
import { saveNeighborhood } from '../../edge/db/neighborhood';
import { type Neighborhood } from '../../core/records/neighborhood';
import { currentSettings, open, readable, send, settingsForm } from './admin-support';
import { db, signIn, type SignedIn } from './support';

let admin: SignedIn;
let original: Neighborhood;

beforeAll(async () => {
  admin = await signIn({ handle: `settings-${Date.now()}.test` }, 'admin');
  original = await currentSettings();
});

afterAll(async () => {
  const { version, ...words } = original;
  void version;
  await saveNeighborhood(db, words, (await currentSettings()).version);
});

describe('GET /admin/settings', () => {
  it('shows every setting as saved, with its version in a hidden field', async () => {
    const n = await currentSettings();
    const html = await (await open(admin, '/admin/settings')).text();
    expect(html).toMatch(/<form method="post" action="\/admin\/settings"/);
    expect(html).toContain(`<input type="hidden" name="version" value="${n.version}"/>`);
    expect(html).toContain(`name="name" type="text" value="${n.name}"`);
    expect(html).toContain(`name="siteLimit" type="number" value="${n.siteLimit}"`);
    expect(html).toMatch(new RegExp(`<option value="${n.joinPolicy}" selected="">`));
    expect(html).toMatch(/<input type="hidden" name="_csrf"/);
  });
});

describe('POST /admin/settings', () => {
  it('saves, redirects with a "Saved" notice and logs which settings changed', async () => {
    const n = await currentSettings();
    const res = await send(
      admin,
      '/admin/settings',
      settingsForm(n, { description: 'Saved by the settings test.', siteLimit: '5' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?saved=1');
    const saved = await currentSettings();
    expect(saved).toMatchObject({
      name: n.name,
      description: 'Saved by the settings test.',
      siteLimit: 5,
      version: n.version + 1,
    });
    const [entry] = (await listAudit(db, undefined, 1)).items;
    expect(entry).toMatchObject({
      action: 'settings.update',
      actorDid: admin.member.did,
      detail: 'short description, sites per member',
    });
    const page = readable(await (await open(admin, res.headers.get('location')!)).text());
    expect(page).toContain('Saved.');
  });

  it.each([
    ['an empty name', 'name', { name: '' }, 'Give the neighborhood a name.'],
    ['a 61-character name', 'name', { name: 'n'.repeat(61) }, '60 characters or fewer.'],
    ['a long description', 'description', { description: 'd'.repeat(201) }, '200 characters'],
    ['a long welcome', 'welcome', { welcome: 'w'.repeat(2001) }, '2000 characters'],
    ['a long location', 'location', { location: 'l'.repeat(201) }, '200 characters'],
    ['21 sites', 'siteLimit', { siteLimit: '21' }, 'a whole number from 0 to 20.'],
    ['-1 sites', 'siteLimit', { siteLimit: '-1' }, 'a whole number from 0 to 20.'],
    ['2.5 sites', 'siteLimit', { siteLimit: '2.5' }, 'a whole number from 0 to 20.'],
    ['"three" sites', 'siteLimit', { siteLimit: 'three' }, 'a whole number from 0 to 20.'],
    ['no site limit', 'siteLimit', { siteLimit: '' }, 'a whole number from 0 to 20.'],
    ['an unknown audience', 'directoryVisibility', { directoryVisibility: 'all' }, 'Choose who'],
    ['an unknown way to join', 'joinPolicy', { joinPolicy: 'lottery' }, 'Choose how'],
  ])(
    'refuses %s next to the field, keeps the input and saves nothing',
    async (_, field, change, message) => {
      const n = await currentSettings();
      const kept = field === 'location' ? {} : { location: 'Kept: Elm & 5th' };
      const res = await send(admin, '/admin/settings', settingsForm(n, { ...kept, ...change }));
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(
        new RegExp(`<p class="error" id="${field}-error" role="alert">[^<]*${message}`),
      );
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      expect(html).toContain('before this can be saved');
      if (field !== 'location') expect(html).toContain('value="Kept: Elm &amp; 5th"');
      const typed = Object.values(change)[0]!;
      if (typed && field !== 'directoryVisibility' && field !== 'joinPolicy')
        expect(html).toContain(typed);
      expect(await currentSettings()).toEqual(n);
    },
  );

  it('answers a stale form with 409 and what differs, overwriting nothing', async () => {
    const read = await currentSettings();
    // Another admin saves while this form is open.
    const { version: _v, ...words } = read;
    const theirs = await saveNeighborhood(
      db,
      { ...words, name: 'Their Name', welcome: 'Their welcome.' },
      read.version,
    );
    const saved = await currentSettings();

    const form = settingsForm(read, { description: 'My description.' });
    const res = await send(admin, '/admin/settings', form);
    expect(res.status).toBe(409);
    const html = await res.text();
    const text = readable(html.slice(html.indexOf('conflict-heading'), html.indexOf('</table>')));
    expect(text).toContain('Someone else saved changes while you were editing');
    expect(text).toContain(`Name Their Name ${read.name}`);
    expect(text).toContain(`Welcome text Their welcome. ${read.welcome || '(empty)'}`);
    expect(text).toContain(`Short description ${read.description} My description.`);
    expect(text).not.toContain('How people join');
    // The admin's own version is kept, now carrying the version it would replace.
    expect(html).toContain('value="My description."');
    expect(html).toContain(`<input type="hidden" name="version" value="${theirs.version}"/>`);
    expect(await currentSettings()).toEqual(saved);

    // Saving again, having seen the difference, replaces it.
    const again = await send(admin, '/admin/settings', {
      ...form,
      version: String(theirs.version),
    });
    expect(again.status).toBe(303);
    expect(await currentSettings()).toMatchObject({
      name: read.name,
      description: 'My description.',
      version: theirs.version + 1,
    });
  });

  it('treats a form without a version as stale', async () => {
    const n = await currentSettings();
    const { version: _v, ...form } = settingsForm(n, { name: 'No Version' });
    const res = await send(admin, '/admin/settings', form);
    expect(res.status).toBe(409);
    expect(await currentSettings()).toEqual(n);
  });

  it('saves nothing and logs nothing when nothing changed', async () => {
    const n = await currentSettings();
    const [before] = (await listAudit(db, undefined, 1)).items;
    const res = await send(admin, '/admin/settings', settingsForm(n));
    expect(res.status).toBe(303);
    expect(await currentSettings()).toEqual(n);
    expect((await listAudit(db, undefined, 1)).items[0]).toEqual(before);
  });
});
