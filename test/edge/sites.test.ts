/**
 * Members' sites, in workerd against the real table: the list of one's own
 * sites, the "new site" form with its name suggestion and inline name check,
 * and creating a site under every rule: each name rule and reserved name, a
 * name taken between loading the form and sending it, an unknown template,
 * the neighborhood's limit (also when two tabs race at it), who may, and
 * the CSRF token.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSite, getSite, listOwnerSites } from '../../edge/db/sites';
import { siteKey } from '../../core/records/sites';
import { getNeighborhood, saveNeighborhood } from '../../edge/db/neighborhood';
import { siteUrl, reservedNames } from '../../core/site-address';
import { blog } from '../../templates/blog/template';
import { defaultSettings } from '../../templates/settings';
import { createTestSite, testSiteName } from './site-support';
import { bindings, db, get, postForm, signIn, testDid, type SignedIn } from './support';

const address = (name: string) => siteUrl(bindings.SITES_URL, name);

async function setSiteLimit(siteLimit: number) {
  const { version, ...current } = await getNeighborhood(db);
  await saveNeighborhood(db, { ...current, siteLimit }, version);
}

let originalLimit: number;
beforeAll(async () => {
  originalLimit = (await getNeighborhood(db)).siteLimit;
});
afterEach(async () => {
  if ((await getNeighborhood(db)).siteLimit !== originalLimit) await setSiteLimit(originalLimit);
});
afterAll(async () => {
  await setSiteLimit(originalLimit);
});

/** A member with a handle nobody else has, so name suggestions are predictable. */
async function member(): Promise<SignedIn & { base: string }> {
  const base = `n${crypto.randomUUID().slice(0, 8)}`;
  const who = await signIn({ handle: `${base}.test`, displayName: 'Nora Vale' }, 'member');
  return { ...who, base };
}

const create = (who: SignedIn, form: Record<string, string>, csrf = true) =>
  postForm('/sites', { ...(csrf && { _csrf: who.csrf }), ...form }, { cookie: who.cookie });

/** When the new-site form says it was loaded. */
const loadedAt = (html: string) => /name="loadedAt" value="([^"]+)"/.exec(html)![1]!;

/** The text of the name field's status line. */
const nameStatus = (html: string) =>
  /<p id="name-status" class="(?:error|hint)" aria-live="polite">([^<]*)<\/p>/.exec(html)?.[1];

describe('GET /sites', () => {
  it('lists the member’s own sites with their template, future address and links', async () => {
    const owner = await member();
    const blogSite = await createTestSite(owner.member.did, 'blog');
    const letters = await createTestSite(owner.member.did, 'newsletter');
    const theirs = await createTestSite(testDid(), 'showcase');
    const res = await get('/sites', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<h1>Your sites</h1>');
    for (const site of [blogSite, letters]) {
      expect(html).toContain(`<h2><a href="/sites/${site.name}">My site</a></h2>`);
      expect(html).toContain(`<span class="address">${address(site.name)}</span>`);
      expect(html).toContain(`<a href="/sites/${site.name}">Edit</a>`);
      expect(html).toContain(`<a href="/sites/${site.name}/settings">Settings</a>`);
      expect(html).toContain(`<a href="/sites/${site.name}/preview/">Preview</a>`);
    }
    expect(html).toMatch(new RegExp(`${blogSite.name}[\\s\\S]*Blog, to be published at`));
    expect(html).toContain('Newsletter archive, to be published at');
    expect(html.indexOf(blogSite.name)).toBeLessThan(html.indexOf(letters.name));
    expect(html).not.toContain(theirs.name);
    expect(html).toContain('<a href="/sites/new" class="button">Make a new site</a>');
  });

  it('shows each site by its title, with its address under it', async () => {
    const owner = await member();
    const settings = { ...defaultSettings(blog.settings), title: 'Corner <Bakery> & Co' };
    const site = await createSite(
      db,
      { name: testSiteName('blog'), ownerDid: owner.member.did, template: 'blog', settings },
      100,
    );
    const html = await (await get('/sites', { cookie: owner.cookie })).text();
    const card = html.slice(html.indexOf(`<a href="/sites/${site.name}">Corner`));
    expect(card).toMatch(
      new RegExp(`^<a href="/sites/${site.name}">Corner &lt;Bakery&gt; &amp; Co</a></h2>\\s*<p>`),
    );
    expect(card.indexOf(address(site.name))).toBeLessThan(card.indexOf('Edit</a>'));
    expect(html).not.toContain(`>${site.name}</a>`);
  });

  it('says so when the member has no site yet', async () => {
    const owner = await member();
    const html = await (await get('/sites', { cookie: owner.cookie })).text();
    expect(html).toContain('You have no site yet.');
    expect(html).toContain('href="/sites/new"');
  });

  it('says the limit is reached instead of offering another site', async () => {
    await setSiteLimit(2);
    const owner = await member();
    await createTestSite(owner.member.did);
    await createTestSite(owner.member.did);
    const html = await (await get('/sites', { cookie: owner.cookie })).text();
    expect(html).toContain('You have 2 of 2 sites, the most this neighborhood allows');
    expect(html).not.toContain('href="/sites/new"');
  });

  it('says the neighborhood offers no sites when the limit is 0', async () => {
    await setSiteLimit(0);
    const owner = await member();
    const html = await (await get('/sites', { cookie: owner.cookie })).text();
    expect(html).toContain('This neighborhood does not offer sites at the moment.');
    expect(html).not.toContain('href="/sites/new"');
  });

  it('sends signed-out people to sign in, and tells visitors and pending people it is for members', async () => {
    const signedOut = await get('/sites');
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).toContain('href="/?next=%2Fsites#sign-in-heading"');
    for (const as of ['visitor', 'pending'] as const) {
      const who = await signIn({}, as);
      const res = await get('/sites', { cookie: who.cookie });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('For members only');
    }
  });

  it('is linked as “Your sites” in every member’s menu, and not in a visitor’s', async () => {
    const owner = await member();
    const visitor = await signIn();
    expect(await (await get('/', { cookie: owner.cookie })).text()).toContain(
      '<a href="/sites">Your sites</a>',
    );
    expect(await (await get('/', { cookie: visitor.cookie })).text()).not.toContain(
      'href="/sites"',
    );
  });
});

describe('GET /sites/new', () => {
  it('offers each template with its description and sample, and suggests a name from the handle', async () => {
    const owner = await member();
    const res = await get('/sites/new', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/sites" class="card" novalidate="">');
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
    expect(html).toMatch(/id="template" name="template" type="radio" value="blog" checked=""/);
    expect(html).toMatch(/name="template" type="radio" value="showcase" aria-describedby/);
    expect(html).toContain(blog.description);
    expect(html).toContain('<a href="/templates/newsletter/sample/">See a sample</a>');
    expect(html).toMatch(new RegExp(`id="name" name="name" type="text" value="${owner.base}"`));
    expect(nameStatus(html)).toBe(
      `We suggest this name, from your handle. “${owner.base}” is free: your site will be at ${address(owner.base)}`,
    );
  });

  it('preselects the template chosen in the gallery', async () => {
    const owner = await member();
    const html = await (await get('/sites/new?template=showcase', { cookie: owner.cookie })).text();
    expect(html).toMatch(/name="template" type="radio" value="showcase" checked=""/);
    expect(html).not.toMatch(/value="blog" checked/);
  });

  it('suggests the next free name when the handle’s is taken', async () => {
    const owner = await member();
    await createTestSite(testDid(), 'blog', owner.base);
    await createTestSite(testDid(), 'blog', `${owner.base}-2`);
    const html = await (await get('/sites/new', { cookie: owner.cookie })).text();
    expect(html).toMatch(new RegExp(`name="name" type="text" value="${owner.base}-3"`));
  });

  it('suggests a valid name for a handle too short or reserved to be one', async () => {
    const short = await signIn({ handle: `x.${crypto.randomUUID().slice(0, 6)}.test` }, 'member');
    expect(await (await get('/sites/new', { cookie: short.cookie })).text()).toMatch(
      /name="name" type="text" value="x-site(-\d+)?"/,
    );
  });

  it('loads htmx and checks the name as it is typed, sending the CSRF token with the form', async () => {
    const owner = await member();
    const html = await (await get('/sites/new', { cookie: owner.cookie })).text();
    expect(html).toMatch(/<script src="\/assets\/htmx\.[0-9a-f]+\.js" defer=""><\/script>/);
    expect(html).toMatch(
      /id="name" name="name"[^>]*data-hx-post="\/sites\/new\/check" data-hx-trigger="input changed delay:400ms" data-hx-target="#name-field" data-hx-swap="outerMorph"/,
    );
  });

  it('says the limit is reached instead of showing the form', async () => {
    await setSiteLimit(1);
    const owner = await member();
    await createTestSite(owner.member.did);
    const res = await get('/sites/new', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('You have 1 of 1 site, the most this neighborhood allows');
    expect(html).not.toContain('action="/sites"');
  });

  it('is for members only', async () => {
    expect((await get('/sites/new')).status).toBe(401);
    const visitor = await signIn();
    expect((await get('/sites/new', { cookie: visitor.cookie })).status).toBe(403);
  });
});

describe('POST /sites', () => {
  it('claims the name with the template’s defaults and goes to the new site', async () => {
    const owner = await member();
    const name = testSiteName('garden');
    const res = await create(owner, { template: 'blog', name: `  ${name.toUpperCase()} ` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sites/${name}`);
    const site = (await getSite(db, name))!;
    expect(site).toMatchObject({
      name,
      ownerDid: owner.member.did,
      template: 'blog',
      settings: { ...defaultSettings(blog.settings), author: 'Nora Vale' },
      version: 1,
    });
    const list = await (await get('/sites', { cookie: owner.cookie })).text();
    expect(list).toContain(`<a href="/sites/${name}">My site</a>`);
  });

  it.each([
    ['', 'Choose a name for your site.'],
    ['ab', 'Use at least 3 characters.'],
    ['a'.repeat(31), 'Use at most 30 characters.'],
    ['my site', 'Use only the letters a to z, digits and hyphens: no spaces, dots or accents.'],
    ['my.site', 'Use only the letters a to z, digits and hyphens: no spaces, dots or accents.'],
    ['café', 'Use only the letters a to z, digits and hyphens: no spaces, dots or accents.'],
    ['my_site', 'Use only the letters a to z, digits and hyphens: no spaces, dots or accents.'],
    ['-garden', 'Start and end with a letter or digit, not a hyphen.'],
    ['garden-', 'Start and end with a letter or digit, not a hyphen.'],
    ['xn--garden', 'Use single hyphens: two in a row have a special meaning.'],
    ['www', '“www” is kept for the neighborhood’s own use. Choose another name.'],
  ])(
    'refuses the name “%s”, saying why next to the field and keeping the input',
    async (name, message) => {
      const owner = await member();
      const res = await create(owner, { template: 'newsletter', name });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(nameStatus(html)).toBe(message);
      expect(html).toMatch(
        /id="name" name="name" type="text" value="[^"]*"[^>]*aria-invalid="true"/,
      );
      expect(html).toContain(`value="${name.replace(/&/g, '&amp;')}"`);
      expect(html).toMatch(/value="newsletter" checked=""/);
      expect(html).toContain('One thing needs fixing');
      expect(await listOwnerSites(db, owner.member.did)).toEqual([]);
    },
  );

  it('accepts names at the limits of the rules: 3 and 30 characters, digits, single hyphens', async () => {
    const owner = await member();
    await setSiteLimit(5);
    const tag = crypto.randomUUID().replace(/-/g, '').slice(0, 6);
    for (const name of [`${tag.slice(0, 3)}`, `${tag}-${'b'.repeat(23)}`, `${tag}-2-go`]) {
      const res = await create(owner, { template: 'blog', name });
      expect(res.status, name).toBe(303);
    }
  });

  it('refuses every reserved name', async () => {
    const owner = await member();
    for (const name of reservedNames) {
      const res = await create(owner, { template: 'blog', name });
      expect(res.status, name).toBe(400);
      expect(nameStatus(await res.text()), name).toBe(
        `“${name}” is kept for the neighborhood’s own use. Choose another name.`,
      );
    }
    expect(await listOwnerSites(db, owner.member.did)).toEqual([]);
  });

  it('says a name was just taken between loading the form and sending it, with a fresh suggestion', async () => {
    const owner = await member();
    const form = await (await get('/sites/new', { cookie: owner.cookie })).text();
    expect(form).toContain(`value="${owner.base}"`);
    // Someone else claims the suggested name while the form is open.
    await createTestSite(testDid(), 'blog', owner.base);
    const res = await create(owner, {
      template: 'showcase',
      name: owner.base,
      loadedAt: loadedAt(form),
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(nameStatus(html)).toBe(
      `Someone has just taken “${owner.base}”. “${owner.base}-2” is free.`,
    );
    expect(html).toMatch(new RegExp(`name="name" type="text" value="${owner.base}"`));
    expect(html).toMatch(/value="showcase" checked=""/);
    expect(await listOwnerSites(db, owner.member.did)).toEqual([]);
  });

  it('says a name taken before the form was loaded is taken, not “just” taken', async () => {
    const owner = await member();
    const name = testSiteName('held');
    const holder = await createTestSite(testDid(), 'blog', name);
    // The holder's site is a day old, and so older than any form loaded now.
    const dayAgo = new Date(Date.parse(holder.createdAt) - 86_400_000).toISOString();
    const stored = (await db.get(siteKey(name)))!;
    await db.put({ ...stored, ...siteKey(name), createdAt: dayAgo });
    const form = await (await get('/sites/new', { cookie: owner.cookie })).text();
    for (const sent of [loadedAt(form), '', 'not a time']) {
      const res = await create(owner, { template: 'blog', name, loadedAt: sent });
      expect(res.status, sent).toBe(409);
      expect(nameStatus(await res.text()), sent).toBe(`“${name}” is taken. “${name}-2” is free.`);
    }
    expect(await listOwnerSites(db, owner.member.did)).toEqual([]);
  });

  it('names an unknown template and a missing one, keeping the name', async () => {
    const owner = await member();
    const name = testSiteName('wiki');
    const unknown = await create(owner, { template: 'wiki', name });
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(html).toContain(
      '<p class="error" id="template-error" role="alert">There is no template called “wiki”. Choose one of: Blog, Project showcase, Newsletter archive.</p>',
    );
    expect(html).toContain(`value="${name}"`);
    const missing = await create(owner, { name });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('>Choose a template.</p>');
    expect(await getSite(db, name)).toBeUndefined();
  });

  it('refuses a site beyond the neighborhood’s limit, saying so', async () => {
    await setSiteLimit(1);
    const owner = await member();
    await createTestSite(owner.member.did);
    const name = testSiteName('extra');
    const res = await create(owner, { template: 'blog', name });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(
      'You have 1 of 1 site, the most this neighborhood allows, so you cannot make another.',
    );
    expect(await getSite(db, name)).toBeUndefined();
    expect(await listOwnerSites(db, owner.member.did)).toHaveLength(1);
  });

  it('lets only one of two tabs racing at the limit make a site', async () => {
    await setSiteLimit(1);
    const owner = await member();
    const [a, b] = await Promise.all([
      create(owner, { template: 'blog', name: testSiteName('tab-a') }),
      create(owner, { template: 'blog', name: testSiteName('tab-b') }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    expect(await listOwnerSites(db, owner.member.did)).toHaveLength(1);
  });

  it('needs the CSRF token', async () => {
    const owner = await member();
    const name = testSiteName('forged');
    const res = await create(owner, { template: 'blog', name }, false);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('That form has expired');
    const wrong = await create(owner, { template: 'blog', name, _csrf: 'x'.repeat(40) }, false);
    expect(wrong.status).toBe(403);
    expect(await getSite(db, name)).toBeUndefined();
  });

  it('lets no visitor, pending person or signed-out person make a site', async () => {
    const name = testSiteName('nobody');
    for (const as of ['visitor', 'pending'] as const) {
      const who = await signIn({}, as);
      expect((await create(who, { template: 'blog', name })).status).toBe(403);
    }
    const res = await postForm('/sites', { template: 'blog', name });
    expect(res.status).toBe(403); // no session, so no valid CSRF token either
    expect(await getSite(db, name)).toBeUndefined();
  });
});

describe('POST /sites/new/check', () => {
  const check = (who: SignedIn, name: string, csrf = who.csrf) =>
    postForm(
      '/sites/new/check',
      { _csrf: csrf, template: 'blog', name },
      { cookie: who.cookie, 'HX-Request': 'true' },
    );

  it('answers the name field alone, saying a free name is free and where the site will be', async () => {
    const owner = await member();
    const name = testSiteName('free');
    const res = await check(owner, ` ${name.toUpperCase()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<div class="field" id="name-field">')).toBe(true);
    expect(html).not.toContain('<html');
    expect(nameStatus(html)).toBe(`“${name}” is free: your site will be at ${address(name)}`);
    expect(html).not.toContain('aria-invalid');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('names the broken rule, marking the field invalid', async () => {
    const owner = await member();
    const html = await (await check(owner, 'admin')).text();
    expect(nameStatus(html)).toBe(
      '“admin” is kept for the neighborhood’s own use. Choose another name.',
    );
    expect(html).toMatch(/aria-invalid="true"/);
    expect(nameStatus(await (await check(owner, 'a--b')).text())).toBe(
      'Use single hyphens: two in a row have a special meaning.',
    );
  });

  it('lets a neighbor have everyday words such as “blog”', async () => {
    const owner = await member();
    const html = await (await check(owner, 'blog')).text();
    expect(nameStatus(html)).toMatch(/^“blog” is (free|taken)/);
    expect(html).not.toContain('kept for the neighborhood');
  });

  it('says a taken name is taken and suggests a free one; one’s own site by name', async () => {
    const owner = await member();
    const theirs = await createTestSite(testDid(), 'blog', testSiteName('taken'));
    expect(nameStatus(await (await check(owner, theirs.name)).text())).toBe(
      `“${theirs.name}” is taken. “${theirs.name}-2” is free.`,
    );
    const mine = await createTestSite(owner.member.did);
    expect(nameStatus(await (await check(owner, mine.name)).text())).toBe(
      `You already have a site called “${mine.name}”.`,
    );
  });

  it('needs the CSRF token and a member', async () => {
    const owner = await member();
    expect((await check(owner, 'whatever', 'forged')).status).toBe(403);
    const visitor = await signIn();
    expect((await check(visitor, 'whatever')).status).toBe(403);
  });
});
