/** The front page. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { getNeighborhood } from '../db/neighborhood';
import { renderPage } from '../render';
import { HomePage } from '../../views/pages/home';

export const home = new Hono<AppEnv>().get('/', async (c) => {
  const neighborhood = await getNeighborhood(c.var.db);
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie');
  return renderPage(
    c,
    { title: neighborhood.name, neighborhood },
    <HomePage
      neighborhood={neighborhood}
      viewer={c.var.viewer}
      signIn={{ csrfToken: c.var.csrfToken }}
    />,
  );
});
