/**
 * A site's content: its entries and pages, written in the editor, with versions checked on save and a trash that keeps deleted items for 30 days.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const siteItems = new Hono<AppEnv>();
