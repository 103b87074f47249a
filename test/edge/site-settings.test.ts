/**
 * A site's settings form, generated from its template's declared fields:
 * every field kind rendered with its label, help and limit; saving each kind
 * (an unticked box, the colour picker or its typed code, link rows added and
 * removed); problems named next to their fields with the input kept; a save
 * from a stale tab shown as a conflict, not lost; htmx fragments; the owner
 * alone (anyone else gets 404); and the CSRF token.
 */
import { describe, expect, it } from 'vitest';
import { getSite, saveSiteSettings } from '../../edge/db/sites';
import type { Site } from '../../core/records/sites';
import { blog } from '../../templates/blog/template';
import { newsletter } from '../../templates/newsletter/template';
import {
  defaultSettings,
  type Link,
  type Settings,
  type SettingsField,
} from '../../templates/settings';
import { createTestSite } from './site-support';
import { db, get, postForm, signIn, type SignedIn } from './support';

const path = (site: Site) => `/sites/${site.name}/settings`;

async function ownerWithSite(template: Site['template'] = 'blog') {
  const owner = await signIn({}, 'member');
  const site = await createTestSite(owner.member.did, template);
  return { owner, site };
}

/** What a browser sends for `settings` in the generated form: every declared field of the template. */
function formOf(fields: readonly SettingsField[], settings: Settings): Record<string, string> {
  const form: Record<string, string> = {};
  for (const field of fields) {
    const value = settings[field.name];
    if (field.kind === 'boolean') {
      if (value) form[field.name] = 'on';
    } else if (field.kind === 'links') {
      const rows = [...(value as Link[]), { label: '', url: '' }, { label: '', url: '' }];
      rows.slice(0, field.max).forEach((row, i) => {
        form[`${field.name}-${i + 1}-label`] = row.label;
        form[`${field.name}-${i + 1}-url`] = row.url;
      });
    } else if (field.kind === 'colour') {
      form[`${field.name}-picker`] = String(value);
      form[field.name] = String(value);
      form[`${field.name}-was`] = String(value);
    } else {
      form[field.name] = String(value);
    }
  }
  return form;
}

/** The blog's settings form, unchanged from the defaults, plus `changes` (undefined: not sent). */
function blogForm(
  owner: SignedIn,
  version: number,
  changes: Record<string, string | undefined> = {},
): Record<string, string> {
  const form: Record<string, string | undefined> = {
    _csrf: owner.csrf,
    version: String(version),
    ...formOf(blog.settings, defaultSettings(blog.settings)),
    ...changes,
  };
  return Object.fromEntries(
    Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

const save = (owner: SignedIn, site: Site, form: Record<string, string>, htmx = false) =>
  postForm(path(site), form, { cookie: owner.cookie, ...(htmx && { 'HX-Request': 'true' }) });

const stored = async (site: Site) => (await getSite(db, site.name))!;

describe('GET /sites/:name/settings', () => {
  it('generates the blog’s form: text, colour, choice, links and yes/no, each with its help and limit', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await get(path(site), { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain(`action="${path(site)}"`);
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
    expect(html).toContain('name="version" value="1"');
    // Text, with its limit and whether it may be empty.
    expect(html).toContain('<label for="title">Site title</label>');
    expect(html).toContain(
      'Shown at the top of every page and in browser tabs. At most 80 characters.',
    );
    expect(html).toMatch(/id="title" name="title" type="text" value="My site" maxlength="80"/);
    expect(html).toContain('At most 160 characters; may be left empty.');
    expect(html).toMatch(/id="author" name="author" type="text" value="" maxlength="80"/);
    // Colour: a picker and its typable code.
    expect(html).toContain('<legend>Accent colour</legend>');
    expect(html).toMatch(/id="accent-picker" name="accent-picker" type="color" value="#1a6b4f"/);
    expect(html).toMatch(/id="accent" name="accent" type="text" value="#1a6b4f" maxlength="7"/);
    expect(html).toContain('name="accent-was" value="#1a6b4f"');
    // Choice: radio buttons with labels.
    expect(html).toContain('<legend>Font</legend>');
    expect(html).toMatch(/id="font" name="font" type="radio" value="sans" checked=""/);
    expect(html).toMatch(/name="font" type="radio" value="serif"/);
    expect(html).toContain('<label for="font-mono">Monospace</label>');
    // Links: two empty rows to fill in.
    expect(html).toContain('<legend>Navigation links</legend>');
    expect(html).toMatch(/name="navLinks-1-label" type="text" value=""/);
    expect(html).toMatch(/name="navLinks-2-url" type="text" inputmode="url" value=""/);
    expect(html).not.toContain('navLinks-3-');
    // Yes/no.
    expect(html).toMatch(/name="showSummaries" type="checkbox" value="on" checked=""/);
    expect(html).toContain('Show summaries on the front page');
    // Enhanced by htmx, working without it.
    expect(html).toMatch(
      /data-hx-post="[^"]+\/settings" data-hx-target="#settings" data-hx-swap="outerMorph"/,
    );
    expect(html).toContain('<output id="settings-status" class="status" aria-live="polite">');
  });

  it('generates long text and web address fields for the newsletter, and the showcase’s own fields', async () => {
    const { owner, site } = await ownerWithSite('newsletter');
    const html = await (await get(path(site), { cookie: owner.cookie })).text();
    expect(html).toMatch(
      /<textarea id="subscribeText" name="subscribeText" rows="5" maxlength="1000"/,
    );
    expect(html).toContain('<label for="subscribeText">How to subscribe</label>');
    expect(html).toMatch(
      /id="subscribeUrl" name="subscribeUrl" type="text" inputmode="url" value=""/,
    );
    expect(html).toContain(
      'Where people sign up, if anywhere. Like shop.example.org (https:// is added for you).',
    );
    const showcase = await ownerWithSite('showcase');
    const shown = await (await get(path(showcase.site), { cookie: showcase.owner.cookie })).text();
    expect(shown).toMatch(/<textarea id="intro" name="intro"/);
    expect(shown).toMatch(/name="groupByTag" type="checkbox" value="on" checked=""/);
    expect(shown).not.toContain('showSummaries');
  });

  it('shows saved links with room for two more, and none beyond the maximum', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        label: `L${i + 1}`,
        url: `https://l${i + 1}.example/`,
      }));
    const saved = await saveSiteSettings(
      db,
      site.name,
      { ...site.settings, navLinks: links(2) },
      site.version,
    );
    let html = await (await get(path(site), { cookie: owner.cookie })).text();
    expect(html).toMatch(
      /name="navLinks-2-url" type="text" inputmode="url" value="https:\/\/l2.example\/"/,
    );
    expect(html).toMatch(/name="navLinks-4-label" type="text" value=""/);
    expect(html).not.toContain('navLinks-5-');
    await saveSiteSettings(db, site.name, { ...saved.settings, navLinks: links(6) }, 2);
    html = await (await get(path(site), { cookie: owner.cookie })).text();
    expect(html).toMatch(/name="navLinks-6-label" type="text" value="L6"/);
    expect(html).not.toContain('navLinks-7-');
  });

  it('fills fields a template added after the site was saved with their defaults', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const { showSummaries: _gone, ...older } = site.settings;
    await saveSiteSettings(db, site.name, older as Settings, site.version);
    const html = await (await get(path(site), { cookie: owner.cookie })).text();
    expect(html).toMatch(/name="showSummaries" type="checkbox" value="on" checked=""/);
  });

  it('says a save worked after the redirect', async () => {
    const { owner, site } = await ownerWithSite();
    const html = await (await get(`${path(site)}?saved=1`, { cookie: owner.cookie })).text();
    expect(html).toMatch(/<output id="settings-status" class="status" aria-live="polite">Saved\./);
  });

  it('is a 404 for another member, an admin, and a site nobody has', async () => {
    const { site } = await ownerWithSite();
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      expect((await get(path(site), { cookie: as.cookie })).status).toBe(404);
    }
    const owner = await signIn({}, 'member');
    expect((await get('/sites/nobody-has-this/settings', { cookie: owner.cookie })).status).toBe(
      404,
    );
  });

  it('sends a signed-out person to sign in', async () => {
    const { site } = await ownerWithSite();
    expect((await get(path(site))).status).toBe(401);
  });
});

describe('POST /sites/:name/settings', () => {
  it('saves every kind of field and goes back to the settings with a saved notice', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await save(
      owner,
      site,
      blogForm(owner, site.version, {
        title: '  Garden notes ',
        tagline: 'What grows on Oak Street',
        author: 'Nora',
        accent: '#AA3300',
        font: 'serif',
        'navLinks-1-label': 'Bluesky',
        'navLinks-1-url': 'https://bsky.app/profile/nora.test',
        'navLinks-2-label': 'Photos',
        'navLinks-2-url': 'https://photos.example/',
        'navLinks-3-label': '',
        'navLinks-3-url': '',
        showSummaries: undefined,
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${path(site)}?saved=1`);
    const saved = await stored(site);
    expect(saved.version).toBe(2);
    expect(saved.settings).toEqual({
      ...defaultSettings(blog.settings),
      title: 'Garden notes',
      tagline: 'What grows on Oak Street',
      author: 'Nora',
      accent: '#aa3300',
      font: 'serif',
      navLinks: [
        { label: 'Bluesky', url: 'https://bsky.app/profile/nora.test' },
        { label: 'Photos', url: 'https://photos.example/' },
      ],
      showSummaries: false,
    });
  });

  it('takes bare domains in links and web address fields as https:// addresses', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await save(
      owner,
      site,
      blogForm(owner, site.version, {
        'navLinks-1-label': 'Shop',
        'navLinks-1-url': 'shop.example.org',
      }),
    );
    expect(res.status).toBe(303);
    expect((await stored(site)).settings.navLinks).toEqual([
      { label: 'Shop', url: 'https://shop.example.org' },
    ]);
    const html = await (await get(path(site), { cookie: owner.cookie })).text();
    expect(html).toMatch(
      /name="navLinks-1-url" type="text" inputmode="url" value="https:\/\/shop.example.org"/,
    );
  });

  it('still refuses a link of another scheme, naming the problem and keeping the input', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await save(
      owner,
      site,
      blogForm(owner, site.version, {
        'navLinks-1-label': 'Mail',
        'navLinks-1-url': 'mailto:nora@example.org',
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Web addresses must start with https:// or http://');
    expect(html).toContain('value="mailto:nora@example.org"');
    expect((await stored(site)).settings.navLinks).toEqual([]);
  });

  it('reads an unticked box as “no” and a ticked one as “yes”', async () => {
    const { owner, site } = await ownerWithSite('blog');
    await save(owner, site, blogForm(owner, 1, { showSummaries: undefined }));
    expect((await stored(site)).settings.showSummaries).toBe(false);
    await save(owner, site, blogForm(owner, 2, { showSummaries: 'on' }));
    expect((await stored(site)).settings.showSummaries).toBe(true);
  });

  it('takes the picked colour unless the colour code was typed over', async () => {
    const { owner, site } = await ownerWithSite('blog');
    await save(owner, site, blogForm(owner, 1, { 'accent-picker': '#224488' }));
    expect((await stored(site)).settings.accent).toBe('#224488');
    await save(
      owner,
      site,
      blogForm(owner, 2, {
        'accent-was': '#224488',
        'accent-picker': '#224488',
        accent: '#884422',
      }),
    );
    expect((await stored(site)).settings.accent).toBe('#884422');
  });

  it('removes a cleared link row and adds a filled empty one, keeping the order', async () => {
    const { owner, site } = await ownerWithSite('blog');
    await saveSiteSettings(
      db,
      site.name,
      {
        ...site.settings,
        navLinks: [
          { label: 'One', url: 'https://one.example/' },
          { label: 'Two', url: 'https://two.example/' },
        ],
      },
      1,
    );
    const res = await save(
      owner,
      site,
      blogForm(owner, 2, {
        'navLinks-1-label': '',
        'navLinks-1-url': '',
        'navLinks-2-label': 'Two',
        'navLinks-2-url': 'https://two.example/',
        'navLinks-3-label': 'Three',
        'navLinks-3-url': 'https://three.example/',
        'navLinks-4-label': '',
        'navLinks-4-url': '',
      }),
    );
    expect(res.status).toBe(303);
    expect((await stored(site)).settings.navLinks).toEqual([
      { label: 'Two', url: 'https://two.example/' },
      { label: 'Three', url: 'https://three.example/' },
    ]);
  });

  it('names each problem next to its field, keeps every input and saves nothing', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await save(
      owner,
      site,
      blogForm(owner, 1, {
        title: '   ',
        tagline: 't'.repeat(161),
        accent: 'green',
        font: 'comic-sans',
        'navLinks-1-label': 'Evil',
        'navLinks-1-url': 'javascript:alert(1)',
        'navLinks-2-label': '',
        'navLinks-2-url': 'https://nolabel.example/',
        showSummaries: undefined,
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('6 things need fixing');
    expect(html).toContain(
      '<p class="error" id="title-error" role="alert">Site title cannot be empty.</p>',
    );
    expect(html).toContain(
      'id="tagline-error" role="alert">Keep tagline under 160 characters.</p>',
    );
    expect(html).toContain('id="accent-error" role="alert">Choose a colour like #1a6b4f.</p>');
    expect(html).toContain(
      'id="font-error" role="alert">Choose one of: Sans-serif, Serif, Monospace.</p>',
    );
    expect(html).toContain(
      'id="navLinks-1-url-error" role="alert">Web addresses must start with https:// or http://</p>',
    );
    expect(html).toContain('id="navLinks-2-label-error" role="alert">Give the link a label.</p>');
    // Everything typed comes back.
    expect(html).toMatch(/name="title" type="text" value=" {3}"[^>]*aria-invalid="true"/);
    expect(html).toContain(`value="${'t'.repeat(161)}"`);
    expect(html).toMatch(/id="accent" name="accent" type="text" value="green"/);
    expect(html).toMatch(
      /name="navLinks-1-url" type="text" inputmode="url" value="javascript:alert\(1\)"/,
    );
    expect(html).toMatch(
      /name="navLinks-2-url" type="text" inputmode="url" value="https:\/\/nolabel.example\/"/,
    );
    expect(html).toMatch(/name="showSummaries" type="checkbox" value="on" aria-describedby/);
    expect(html).toContain('name="version" value="1"');
    expect(await stored(site)).toEqual(site);
  });

  it('refuses more links than the template allows, saying how many', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const rows: Record<string, string> = {};
    for (let i = 1; i <= 7; i++) {
      rows[`navLinks-${i}-label`] = `L${i}`;
      rows[`navLinks-${i}-url`] = `https://l${i}.example/`;
    }
    const res = await save(owner, site, blogForm(owner, 1, rows));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="navLinks-error" role="alert">Add at most 6 links.</p>');
    expect(html).toMatch(
      /name="navLinks-7-url" type="text" inputmode="url" value="https:\/\/l7.example\/"/,
    );
    expect((await stored(site)).version).toBe(1);
  });

  it('refuses a subscribe link that is not a web address', async () => {
    const { owner, site } = await ownerWithSite('newsletter');
    const res = await save(owner, site, {
      _csrf: owner.csrf,
      version: '1',
      ...formOf(newsletter.settings, site.settings),
      subscribeText: 'Write to me.',
      subscribeUrl: 'data:text/html,hello',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="subscribeUrl-error"');
    expect(html).toContain('>Write to me.</textarea>');
  });

  it('stores a long text’s line breaks as LF, however the browser sent them', async () => {
    const { owner, site } = await ownerWithSite('newsletter');
    const res = await save(owner, site, {
      _csrf: owner.csrf,
      version: '1',
      ...formOf(newsletter.settings, site.settings),
      subscribeText: 'Write to me.\r\nOr knock at number 12.',
    });
    expect(res.status).toBe(303);
    expect((await stored(site)).settings.subscribeText).toBe(
      'Write to me.\nOr knock at number 12.',
    );
  });

  it('shows a conflict instead of overwriting a save made in another tab, and saves on a second try', async () => {
    const { owner, site } = await ownerWithSite('blog');
    // Tab one saves a new title.
    expect((await save(owner, site, blogForm(owner, 1, { title: 'From tab one' }))).status).toBe(
      303,
    );
    // Tab two, opened at version 1, saves another title and a font.
    const tabTwo = blogForm(owner, 1, { title: 'From tab two', font: 'mono' });
    const res = await save(owner, site, tabTwo);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Someone else saved changes while you were editing');
    expect(html).toMatch(
      /<th scope="row">Site title<\/th><td>From tab one<\/td><td>From tab two<\/td>/,
    );
    expect(html).toMatch(/<th scope="row">Font<\/th><td>Sans-serif<\/td><td>Monospace<\/td>/);
    expect(html).not.toContain('<th scope="row">Tagline</th>');
    expect(html).toMatch(/name="title" type="text" value="From tab two"/);
    expect(html).toMatch(/name="font" type="radio" value="mono" checked=""/);
    expect(html).toContain('name="version" value="2"');
    expect((await stored(site)).settings.title).toBe('From tab one');
    // Sending their version again, now at the current version, saves it.
    expect((await save(owner, site, { ...tabTwo, version: '2' })).status).toBe(303);
    expect((await stored(site)).settings).toMatchObject({ title: 'From tab two', font: 'mono' });
  });

  it('treats a stale save of what is already saved as saved', async () => {
    const { owner, site } = await ownerWithSite('blog');
    await save(owner, site, blogForm(owner, 1, { title: 'Same' }));
    const res = await save(owner, site, blogForm(owner, 1, { title: 'Same' }));
    expect(res.status).toBe(303);
    expect((await stored(site)).version).toBe(2);
  });

  it('treats a missing or mangled version as stale', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await save(owner, site, blogForm(owner, 1, { version: 'abc', title: 'Sneaky' }));
    expect(res.status).toBe(409);
    expect((await stored(site)).settings.title).toBe('My site');
  });

  it('is a 404 for anyone but the owner, admins included, and changes nothing', async () => {
    const { owner, site } = await ownerWithSite('blog');
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      const res = await postForm(
        path(site),
        { ...blogForm(owner, 1, { title: 'Hijacked' }), _csrf: as.csrf },
        { cookie: as.cookie },
      );
      expect(res.status).toBe(404);
    }
    expect(await stored(site)).toEqual(site);
  });

  it('needs the CSRF token', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const { _csrf: _token, ...unsigned } = blogForm(owner, 1, { title: 'Forged' });
    expect((await save(owner, site, unsigned)).status).toBe(403);
    expect((await save(owner, site, { ...unsigned, _csrf: 'forged' })).status).toBe(403);
    expect(await stored(site)).toEqual(site);
  });
});

describe('POST /sites/:name/settings with htmx', () => {
  it('answers the form alone with “Saved” in its status line and the new version', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await save(owner, site, blogForm(owner, 1, { title: 'Quick save' }), true);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<div id="settings">')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toMatch(/<output id="settings-status" class="status" aria-live="polite">Saved\./);
    expect(html).toContain('name="version" value="2"');
    expect(html).toMatch(/name="title" type="text" value="Quick save"/);
    expect((await stored(site)).settings.title).toBe('Quick save');
  });

  it('answers the form alone with each problem next to its field', async () => {
    const { owner, site } = await ownerWithSite('blog');
    const res = await save(owner, site, blogForm(owner, 1, { title: '' }), true);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html.startsWith('<div id="settings">')).toBe(true);
    expect(html).toContain('id="title-error" role="alert">Site title cannot be empty.</p>');
    expect(html).toMatch(
      /<output id="settings-status" class="status" aria-live="polite"><\/output>/,
    );
  });

  it('answers the form alone with the conflict when another tab saved first', async () => {
    const { owner, site } = await ownerWithSite('blog');
    await save(owner, site, blogForm(owner, 1, { title: 'First' }), true);
    const res = await save(owner, site, blogForm(owner, 1, { title: 'Second' }), true);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html.startsWith('<div id="settings"><section class="card conflict"')).toBe(true);
    expect(html).toMatch(/<td>First<\/td><td>Second<\/td>/);
    expect(html).toMatch(/name="title" type="text" value="Second"/);
  });
});

// Keep the defaults this file relies on honest.
it('starts blog sites from the blog template’s defaults', () => {
  expect(defaultSettings(blog.settings)).toMatchObject({
    title: 'My site',
    accent: '#1a6b4f',
    font: 'sans',
    navLinks: [],
    showSummaries: true,
  });
});
