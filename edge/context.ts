/**
 * The per-deployment services (configuration, database, OAuth client),
 * built once per Worker isolate from the bindings, and the typed variables
 * each request carries through Hono's context.
 */
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import type { Context } from 'hono';
import { createOAuthClient } from './auth/oauth-client';
import { Dynamo } from './db/dynamo';
import { parseConfig, type Config, type Env } from './env';
import type { Neighborhood } from '../core/records/neighborhood';
import type { Site } from '../core/records/sites';
import type { Viewer } from '../core/records/sessions';

export interface Services {
  config: Config;
  db: Dynamo;
  /** Built on first use: pages that never sign anyone in do not pay for it. */
  oauthClient(): Promise<NodeOAuthClient>;
}

export interface AppEnv {
  Bindings: Env;
  Variables: Services & {
    viewer?: Viewer;
    /** The neighborhood's settings, when the session's read already brought them. */
    neighborhood?: Neighborhood;
    /** The site named in the path, once `ownSite` has checked the viewer owns it. */
    site?: Site;
    /** The CSRF token for forms on this response. */
    csrfToken: string;
  };
}

export type AppContext = Context<AppEnv>;

const servicesByEnv = new WeakMap<Env, Services>();

export function servicesFor(env: Env): Services {
  let services = servicesByEnv.get(env);
  if (!services) {
    const config = parseConfig(env);
    const db = new Dynamo(config.dynamo);
    let client: Promise<NodeOAuthClient> | undefined;
    services = {
      config,
      db,
      oauthClient: () => {
        client ??= createOAuthClient(config, db).catch((error: unknown) => {
          client = undefined;
          throw error;
        });
        return client;
      },
    };
    servicesByEnv.set(env, services);
  }
  return services;
}
