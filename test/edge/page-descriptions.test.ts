/**
 * The pages meant to be found, the front page and the directory, carry a
 * meta description, the words a search engine or a link preview shows
 * under the title: the neighborhood's own description on the front page.
 */
import { describe, expect, it } from 'vitest';
import { getNeighborhood } from '../../edge/db/neighborhood';
import { setVisibility } from './neighbors';
import { db, get } from './support';

const descriptionOf = (html: string) =>
  /<meta name="description" content="([^"]*)"\/?>/.exec(html)?.[1];

describe('GET / and GET /members', () => {
  it('describe the neighborhood in a meta description', async () => {
    await setVisibility('public');
    const neighborhood = await getNeighborhood(db);
    expect(neighborhood.description).not.toBe('');
    expect(descriptionOf(await (await get('/')).text())).toBe(neighborhood.description);
    expect(descriptionOf(await (await get('/members')).text())).toBe(
      `The neighbors of ${neighborhood.name} and the sites they publish.`,
    );
  });
});
