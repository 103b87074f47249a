/** The signed-in member's own page. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { renderPage } from '../render';
import { MePage } from '../../views/pages/me';

export const me = new Hono<AppEnv>().get('/', async (c) => {
  const { viewer } = c.var;
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Cookie');
  if (!viewer) return c.redirect('/', 303);
  return renderPage(c, { title: 'You' }, <MePage viewer={viewer} csrfToken={c.var.csrfToken} />);
});
