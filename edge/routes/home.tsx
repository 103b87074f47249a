/**
 * The front page. At most three DynamoDB requests: the viewer (read by the
 * session middleware), the neighborhood, and one directory query for
 * "Recently joined" when the viewer may see the directory. For members that
 * query runs alongside the neighborhood read; for anyone else it waits for
 * the settings, which say whether the directory is public.
 */
import { Hono } from 'hono';
import { localPath } from '../auth/handle';
import type { AppEnv } from '../context';
import { listDirectory } from '../db/members';
import { isMember } from '../../core/records/members';
import { currentNeighborhood, renderPage } from '../render';
import { HomePage } from '../../views/pages/home';

const RECENT = 6;

export const home = new Hono<AppEnv>().get('/', async (c) => {
  const { db, viewer } = c.var;
  const member = isMember(viewer?.member);
  const recentMembers = () => listDirectory(db, 'newest', { limit: RECENT });
  const [neighborhood, early] = await Promise.all([
    currentNeighborhood(c),
    member ? recentMembers() : undefined,
  ]);
  const recent =
    early ?? (neighborhood.directoryVisibility === 'public' ? await recentMembers() : undefined);
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie');
  return renderPage(
    c,
    { title: neighborhood.name, neighborhood },
    <HomePage
      neighborhood={neighborhood}
      viewer={viewer}
      recent={recent?.items}
      signIn={{ csrfToken: c.var.csrfToken, next: localPath.parse(c.req.query('next')) }}
    />,
  );
});
