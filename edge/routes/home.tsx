/**
 * The front page. At most four DynamoDB requests: the viewer (read by the
 * session middleware), the neighborhood, and, when the viewer may see the
 * directory, one directory query for "Recently joined" and one query of
 * the published list for "Lately published", side by side. For members
 * those run alongside the neighborhood read; for anyone else they wait for
 * the settings, which say whether the directory is public.
 */
import { Hono } from 'hono';
import { localPath } from '../auth/handle';
import type { AppEnv } from '../context';
import { listDirectory } from '../db/members';
import { isMember } from '../../core/records/members';
import { currentNeighborhood, renderPage } from '../render';
import { HomePage } from '../../views/pages/home';
import { siteUrl } from '../../core/site-address';
import { listPublished } from '../db/published';

const RECENT = 6;
const RECENT_SITES = 6;

export const home = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db');
  const viewer = c.get('viewer');
  const member = isMember(viewer?.member);
  const lately = () =>
    Promise.all([listDirectory(db, 'newest', { limit: RECENT }), listPublished(db, RECENT_SITES)]);
  const [neighborhood, early] = await Promise.all([
    currentNeighborhood(c),
    member ? lately() : undefined,
  ]);
  const [recent, published] =
    early ?? (neighborhood.directoryVisibility === 'public' ? await lately() : []);
  const sitesUrl = c.get('config').sitesUrl;
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie');
  return renderPage(
    c,
    { title: neighborhood.name, description: neighborhood.description, neighborhood },
    <HomePage
      neighborhood={neighborhood}
      viewer={viewer}
      recent={recent?.items}
      published={published?.map((s) => ({
        name: s.name,
        url: siteUrl(sitesUrl, s.name),
        publishedAt: s.publishedAt,
      }))}
      signIn={{ csrfToken: c.get('csrfToken'), next: localPath.parse(c.req.query('next')) }}
    />,
  );
});
