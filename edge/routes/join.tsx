/** Placeholder: routes for this area are being written. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const join = new Hono<AppEnv>();
