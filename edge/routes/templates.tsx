/**
 * The public template gallery (`/templates`) and each template's sample
 * site (`/templates/:id/sample/…`), rendered by the builder from the
 * template's example content. Anyone may look; the samples change only
 * when the code does, so they are cached (`./sample-cache`) and never set a
 * cookie, and what the cache cannot answer is rate-limited.
 */
import { Hono } from 'hono';
import { isMember } from '../../core/records/members';
import { findTemplate } from '../../templates';
import { PreviewBanner } from '../../views/components/preview-banner';
import { GalleryPage } from '../../views/pages/sites/gallery';
import { BuilderError } from '../builder';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { renderPage } from '../render';
import { ask, builderDown, pathAfter, serveFile } from './builder-answers';
import {
  cacheKeyFor,
  cachedSample,
  countSampleMiss,
  keepSample,
  SAMPLE_CACHE,
  SAMPLE_NOT_FOUND_CACHE,
} from './sample-cache';

const backToGallery = { href: '/templates', label: 'Back to the templates' };

export const templateGallery = new Hono<AppEnv>()
  .get('/', (c) => {
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Cookie');
    return renderPage(
      c,
      { title: 'Site templates' },
      <GalleryPage canStart={isMember(c.get('viewer')?.member)} />,
    );
  })
  .get('/:id/sample', (c) => {
    const template = findTemplate(c.req.param('id'));
    if (!template) throw notFound();
    return c.redirect(`/templates/${template.id}/sample/`, 301);
  })
  .get('/:id/sample/*', async (c) => {
    const template = findTemplate(c.req.param('id'));
    if (!template) throw notFound();
    const base = `/templates/${template.id}/sample`;
    const path = pathAfter(c, base);
    const key = cacheKeyFor(c, `${base}${path}`);
    const cached = await cachedSample(key);
    if (cached) return cached;
    await countSampleMiss(c, backToGallery);
    const answer = await ask(c, { kind: 'sample', template: template.id, path }, backToGallery);
    switch (answer.kind) {
      case 'file': {
        const res = await serveFile(
          c,
          answer,
          async () =>
            String(
              await (
                <PreviewBanner
                  link={{
                    href: `/sites/new?template=${template.id}`,
                    label: 'Make a site with this template',
                  }}
                >
                  <strong>Sample</strong>: the {template.name} template with example content.
                </PreviewBanner>
              ),
            ),
          answer.status === 404 ? SAMPLE_NOT_FOUND_CACHE : SAMPLE_CACHE,
        );
        // Anyone may cache this page, so it must not hand anyone a cookie.
        res.headers.delete('Set-Cookie');
        await keepSample(key, res);
        return res;
      }
      case 'redirect':
        return c.redirect(`${base}${answer.path}`, 302);
      default:
        // A sample that does not render is a bug in the template, not the visitor's problem.
        console.error('sample render failed', template.id, answer.kind);
        throw builderDown(new BuilderError(), backToGallery);
    }
  });
