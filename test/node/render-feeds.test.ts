/**
 * Feeds of a sensible size: the newest entries only, each with its full
 * text when that is short and with its summary (or the start of its words)
 * and a link to the rest when it is long, as feed readers expect. Parsed
 * with an XML parser, so they stay well-formed.
 */
import { describe, expect, it } from 'vitest';
import { feedFullText, feedSize } from '../../builder/site-model';
import { sample } from '../../templates/blog/sample';
import { limits } from '../../templates/content';
import { item, parseXml, renderSite, siteInput, siteUrl, text } from './render-support';

interface Rss {
  rss: { channel: { item: { link: string; description: string }[] } };
}
interface Atom {
  feed: { entry: { id: string; summary?: string; content: { '#text': string } }[] };
}

const longBody = (n: number) =>
  `Post ${n} begins with bees. ${'The hives hum along all summer. '.repeat(4_000)}`.slice(
    0,
    limits.body,
  );

describe('feeds', () => {
  it('stay small with twenty posts of the longest text, and still parse', async () => {
    const files = await renderSite(
      siteInput(
        'blog',
        sample.settings,
        Array.from({ length: feedSize + 5 }, (_, n) =>
          item({
            title: `Long post ${n}`,
            date: `2026-03-${String(n + 1).padStart(2, '0')}`,
            body: longBody(n),
          }),
        ),
      ),
    );
    for (const path of ['feed.xml', 'atom.xml']) {
      expect(files.get(path)!.body.byteLength, path).toBeLessThan(100_000);
    }
    const rss = parseXml(text(files, 'feed.xml')) as unknown as Rss;
    expect(rss.rss.channel.item).toHaveLength(feedSize);
    const first = rss.rss.channel.item[0]!;
    expect(first.description).toContain('Post 24 begins with bees.');
    expect(first.description).toContain('…');
    expect(first.description).toContain(`<a href="${siteUrl}/posts/long-post-24/">`);
    const atom = parseXml(text(files, 'atom.xml')) as unknown as Atom;
    expect(atom.feed.entry).toHaveLength(feedSize);
  });

  it('carry a long entry’s summary with a link to the rest, and a short entry whole', async () => {
    const short = 'A short note about **jam**.';
    const files = await renderSite(
      siteInput('blog', sample.settings, [
        item({
          title: 'Long with summary',
          date: '2026-04-02',
          summary: 'All about the hives & the honey.',
          body: longBody(1),
        }),
        item({ title: 'Short one', date: '2026-04-01', body: short }),
        item({ title: 'Just long enough', date: '2026-03-31', body: 'j'.repeat(feedFullText) }),
      ]),
    );
    const rss = parseXml(text(files, 'feed.xml')) as unknown as Rss;
    const [long, brief, edge] = rss.rss.channel.item;
    expect(long!.description).toContain('All about the hives &amp; the honey.');
    expect(long!.description).not.toContain('Post 1 begins');
    expect(long!.description).toContain(`href="${siteUrl}/posts/long-with-summary/"`);
    expect(brief!.description).toContain('<strong>jam</strong>');
    expect(edge!.description).toContain('j'.repeat(feedFullText));
    const atom = parseXml(text(files, 'atom.xml')) as unknown as Atom;
    expect(atom.feed.entry[0]!.content['#text']).toContain('All about the hives &amp; the honey.');
    expect(atom.feed.entry[1]!.content['#text']).toContain('<strong>jam</strong>');
  });

  it('say when they last changed: RSS its lastBuildDate, every Atom entry updated no earlier than published', async () => {
    const files = await renderSite(
      siteInput('blog', sample.settings, [
        // Saved in May, dated for a day in July (as the samples and posts written ahead are).
        item({ title: 'Ahead', date: '2026-07-14', updatedAt: '2026-05-02T09:30:00.000Z' }),
        item({ title: 'Edited later', date: '2026-04-01', updatedAt: '2026-04-20T08:00:00.000Z' }),
      ]),
    );
    const rss = parseXml(text(files, 'feed.xml')) as unknown as {
      rss: { channel: { lastBuildDate: string } };
    };
    expect(rss.rss.channel.lastBuildDate).toBe('Tue, 14 Jul 2026 00:00:00 GMT');
    const atom = parseXml(text(files, 'atom.xml')) as unknown as {
      feed: { updated: string; entry: { published: string; updated: string }[] };
    };
    expect(atom.feed.entry.map((e) => [e.published, e.updated])).toEqual([
      ['2026-07-14T00:00:00Z', '2026-07-14T00:00:00.000Z'],
      ['2026-04-01T00:00:00Z', '2026-04-20T08:00:00.000Z'],
    ]);
    expect(atom.feed.updated).toBe('2026-07-14T00:00:00.000Z');
  });
});
