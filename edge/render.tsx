/**
 * Renders a full page inside the layout. The neighborhood's name is read
 * here, once per page, so handlers only pass what their page is about.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { getNeighborhood } from './db/neighborhood';
import { defaultNeighborhood, type Neighborhood } from '../core/records/neighborhood';
import type { AppContext, AppEnv } from './context';
import { Layout } from '../views/layout';

export interface PageOptions {
  title: string;
  /** The page's meta description; see `LayoutProps.description`. */
  description?: string;
  status?: ContentfulStatusCode;
  htmx?: boolean;
  /** Reload the page this often (seconds) without JavaScript; see `LayoutProps.refresh`. */
  refresh?: number;
  /** Already loaded by the handler; saves a read. */
  neighborhood?: Neighborhood;
}

/** Whether htmx sent this request, so the answer is a fragment rather than a page. */
export const isHtmx = <E extends AppEnv>(c: AppContext<E>) => c.req.header('HX-Request') === 'true';

/**
 * The neighborhood's settings for this request: read with the session when
 * someone is signed in, otherwise read once here and kept for the request.
 */
export async function currentNeighborhood<E extends AppEnv>(
  c: AppContext<E>,
): Promise<Neighborhood> {
  let neighborhood = c.get('neighborhood');
  if (!neighborhood) {
    neighborhood = await getNeighborhood(c.get('db'));
    c.set('neighborhood', neighborhood);
  }
  return neighborhood;
}

export async function renderPage<E extends AppEnv>(
  c: AppContext<E>,
  options: PageOptions,
  body: Child,
) {
  const neighborhood = options.neighborhood ?? (await currentNeighborhood(c));
  return c.html(
    <>
      {raw('<!doctype html>')}
      <Layout
        title={options.title}
        neighborhoodName={neighborhood.name}
        description={options.description}
        viewer={c.get('viewer')}
        htmx={options.htmx}
        refresh={options.refresh}
      >
        {body}
      </Layout>
    </>,
    options.status ?? 200,
  );
}

/** For error pages: never let a second failure (say, the database) hide the first. */
export async function safeNeighborhood<E extends AppEnv>(c: AppContext<E>): Promise<Neighborhood> {
  try {
    return c.get('db') ? await getNeighborhood(c.get('db')) : defaultNeighborhood;
  } catch {
    return defaultNeighborhood;
  }
}
