/**
 * Previews: a member's draft site, rendered by the builder exactly as publishing would, and each template's sample site for the gallery.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const preview = new Hono<AppEnv>();
