/**
 * Members' sites on real DynamoDB emulators: a name is claimed once even
 * when two people race for it, the neighborhood's limit holds when one
 * member creates sites from several tabs at once, a member's sites are
 * listed from the index, suggestions skip claimed names, and settings are
 * only saved over the version they were read at.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Dynamo } from '../../edge/db/dynamo';
import { VersionConflict } from '../../edge/db/members';
import type { Site } from '../../core/records/sites';
import {
  createSite,
  firstFreeName,
  getSite,
  listOwnerSites,
  NameTaken,
  saveSiteSettings,
  SiteLimitReached,
} from '../../edge/db/sites';
import { blog } from '../../templates/blog/template';
import { defaultSettings } from '../../templates/settings';
import { onEveryBackend } from './backends';

let n = 0;
const did = () => `did:plc:${String(++n).padStart(24, 's')}`;
let run = 0;
/** A name unique to this test run and backend, so suites never share names. */
const unique = (prefix: string) => `${prefix}-${++run}-${Math.random().toString(36).slice(2, 7)}`;

const settings = defaultSettings(blog.settings);

onEveryBackend('sites', (client) => {
  let db: Dynamo;
  beforeAll(() => {
    db = client();
  });

  const make = (ownerDid: string, name: string, limit = 3) =>
    createSite(db, { name, ownerDid, template: 'blog', settings }, limit);

  it('claims a name once: of two people racing for it, one gets it and the other hears it is taken', async () => {
    const name = unique('race');
    const [a, b] = [did(), did()];
    const results = await Promise.allSettled([make(a, name), make(b, name)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(NameTaken);
    const site = (await getSite(db, name))!;
    expect([a, b]).toContain(site.ownerDid);
    expect(site).toMatchObject({ name, template: 'blog', settings, version: 1 });
  });

  it('gives the slot back when the name was taken, so the limit counts only real sites', async () => {
    const taken = unique('taken');
    await make(did(), taken);
    const owner = did();
    await expect(make(owner, taken, 1)).rejects.toBeInstanceOf(NameTaken);
    await expect(make(owner, taken, 1)).rejects.toBeInstanceOf(NameTaken);
    const mine = await make(owner, unique('mine'), 1);
    expect(mine.ownerDid).toBe(owner);
    await expect(make(owner, unique('more'), 1)).rejects.toBeInstanceOf(SiteLimitReached);
  });

  it('refuses a site beyond the limit, naming the limit', async () => {
    const owner = did();
    await make(owner, unique('one'), 2);
    await make(owner, unique('two'), 2);
    const error = await make(owner, unique('three'), 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiteLimitReached);
    expect((error as SiteLimitReached).limit).toBe(2);
    expect(await listOwnerSites(db, owner)).toHaveLength(2);
  });

  it('lets only one of two tabs racing at the limit make a site', async () => {
    const owner = did();
    await make(owner, unique('first'), 2);
    const results = await Promise.allSettled([
      make(owner, unique('tab-a'), 2),
      make(owner, unique('tab-b'), 2),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(SiteLimitReached);
    expect(await listOwnerSites(db, owner)).toHaveLength(2);
  });

  it('holds the limit when five tabs race at once', async () => {
    const owner = did();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => make(owner, unique(`burst${i}`), 2)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(await listOwnerSites(db, owner)).toHaveLength(2);
  });

  it('lists a member’s own sites, oldest first, and nobody else’s', async () => {
    const owner = did();
    const older = await make(owner, unique('older'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await make(owner, unique('newer'));
    await make(did(), unique('theirs'));
    const listed = await listOwnerSites(db, owner);
    expect(listed.map((s) => s.name)).toEqual([older.name, newer.name]);
    expect(listed[0]).toEqual(older);
    expect(await listOwnerSites(db, did())).toEqual([]);
  });

  it('finds the first name nobody has claimed, in one batch', async () => {
    const base = unique('free');
    await make(did(), base);
    await make(did(), `${base}-2`);
    expect(await firstFreeName(db, [base, `${base}-2`, `${base}-3`, `${base}-4`])).toBe(
      `${base}-3`,
    );
    expect(await firstFreeName(db, [base, `${base}-2`])).toBeUndefined();
    expect(await firstFreeName(db, [])).toBeUndefined();
  });

  it('saves settings over the version read, and nothing else of the site', async () => {
    const site = await make(did(), unique('settings'));
    const next = { ...settings, title: 'Garden notes', accent: '#aa3300' };
    const saved = await saveSiteSettings(db, site.name, next, site.version);
    expect(saved).toMatchObject({
      name: site.name,
      ownerDid: site.ownerDid,
      template: 'blog',
      createdAt: site.createdAt,
      settings: next,
      version: 2,
    });
    expect(await getSite(db, site.name)).toEqual(saved);
    expect(await listOwnerSites(db, site.ownerDid)).toEqual([saved]);
  });

  it('refuses a save over a stale version, handing back what is saved now', async () => {
    const site = await make(did(), unique('stale'));
    const first = await saveSiteSettings(db, site.name, { ...settings, title: 'One' }, 1);
    const error = await saveSiteSettings(db, site.name, { ...settings, title: 'Two' }, 1).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VersionConflict);
    expect((error as VersionConflict<Site>).current).toEqual(first);
    expect((await getSite(db, site.name))!.settings.title).toBe('One');
  });

  it('lets exactly one of two saves of the same version win', async () => {
    const site = await make(did(), unique('both'));
    const results = await Promise.allSettled([
      saveSiteSettings(db, site.name, { ...settings, title: 'Tab A' }, 1),
      saveSiteSettings(db, site.name, { ...settings, title: 'Tab B' }, 1),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Site>[];
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(VersionConflict);
    expect(await getSite(db, site.name)).toEqual(won[0]!.value);
  });

  it('does not save settings for a site nobody claimed', async () => {
    const name = unique('ghost');
    const error = await saveSiteSettings(db, name, settings, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflict);
    expect((error as VersionConflict<Site>).current).toBeUndefined();
    expect(await getSite(db, name)).toBeUndefined();
  });
});
