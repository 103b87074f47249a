/**
 * The one page layout: landmarks, a skip link, the neighborhood's name as
 * the site header, and the stylesheet. Scripts appear only on pages that ask
 * for htmx; no page depends on them.
 */
import type { Child } from 'hono/jsx';
import { assetPath } from './asset-paths';
import { prerendered } from './prerendered';
import { isAdmin, isMember, memberName } from '../core/records/members';
import type { Viewer } from '../core/records/sessions';

export interface LayoutProps {
  title: string;
  neighborhoodName: string;
  /** What search engines and link previews show under the title, for pages meant to be found. */
  description?: string;
  viewer?: Viewer;
  /** Load htmx for progressive enhancement on this page. */
  htmx?: boolean;
  /**
   * Reload the page after this many seconds, for browsers without
   * JavaScript (a page that changes by itself, such as a running deploy's);
   * with JavaScript, htmx updates the part that changes instead.
   */
  refresh?: number;
  children?: Child;
}

// The parts of every page that never change, rendered once (`prerendered.ts`).
const headStart = prerendered(
  <>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </>,
);
const headLinks = prerendered(
  <>
    <link rel="icon" href={assetPath('favicon.svg')} type="image/svg+xml" />
    <link rel="stylesheet" href={assetPath('style.css')} />
  </>,
);
const htmxScript = prerendered(<script src={assetPath('htmx.js')} defer></script>);
const skipLink = prerendered(
  <p class="skip">
    <a href="#main">Skip to content</a>
  </p>,
);
const neighborsLink = prerendered(
  <li>
    <a href="/members">Neighbors</a>
  </li>,
);
const sitesLink = prerendered(
  <li>
    <a href="/sites">Your sites</a>
  </li>,
);
const adminLink = prerendered(
  <li>
    <a href="/admin">Admin</a>
  </li>,
);
const footer = prerendered(
  <footer class="site">
    <p>
      A neighborhood on <a href="https://atproto.com/">the AT Protocol</a>, run by neighbors.
    </p>
  </footer>,
);

export function Layout({
  title,
  neighborhoodName,
  description,
  viewer,
  htmx,
  refresh,
  children,
}: LayoutProps) {
  const pageTitle = title === neighborhoodName ? title : `${title} · ${neighborhoodName}`;
  return (
    <html lang="en">
      <head>
        {headStart}
        <title>{pageTitle}</title>
        {description && <meta name="description" content={description} />}
        {headLinks}
        {htmx && htmxScript}
        {refresh !== undefined && (
          <noscript>
            <meta http-equiv="refresh" content={String(refresh)} />
          </noscript>
        )}
      </head>
      <body>
        {skipLink}
        <header class="site">
          <a href="/" class="brand">
            {neighborhoodName}
          </a>
          <nav aria-label="Site">
            <ul class="inline">
              {neighborsLink}
              {isMember(viewer?.member) && sitesLink}
              {isAdmin(viewer?.member) && adminLink}
              {viewer && (
                <li>
                  <a href="/me">{memberName(viewer.member)}</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
        {footer}
      </body>
    </html>
  );
}
