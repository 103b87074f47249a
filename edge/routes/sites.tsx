/**
 * Members' sites: the list of one's own sites, creating one (template and name), and its settings form, generated from the template's declared fields.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const sites = new Hono<AppEnv>();
