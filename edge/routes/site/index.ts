/**
 * One member's site, everything under `/sites/:name`: `ownSite` loads the
 * site and its template once and lets only its owner through, then one
 * sub-app per resource answers (dashboard, settings, items, pictures, trash,
 * preview, publishing and its deploys, export). Anyone else's site, or a
 * name nobody claimed, is a 404.
 */
import { Hono } from 'hono';
import type { SiteEnv } from '../../context';
import { ownSite } from '../../middleware/site-owner';
import { dashboard } from './dashboard';
import { deploys } from './deploys';
import { siteExport } from './export';
import { items } from './items';
import { pictures } from './pictures';
import { preview } from './preview';
import { publish } from './publish';
import { settings } from './settings';
import { trash } from './trash';

export const site = new Hono<SiteEnv>()
  .use(ownSite)
  .route('/', dashboard)
  .route('/settings', settings)
  .route('/items', items)
  .route('/pictures', pictures)
  .route('/', trash)
  .route('/preview', preview)
  .route('/export', siteExport)
  .route('/', publish)
  .route('/deploys', deploys);
