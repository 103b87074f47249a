/**
 * The per-deployment services (configuration, database, OAuth client),
 * built once per Worker isolate from the bindings, and the typed variables
 * each request carries through Hono's context: every route's, and the
 * extra ones that member-only and site routes get from their middleware.
 */
import type { NodeOAuthClient } from '@atproto/oauth-client-node';
import type { Context } from 'hono';
import { createOAuthClient } from './auth/oauth-client';
import { Dynamo } from './db/dynamo';
import { parseConfig, type Config, type Env } from './env';
import type { Neighborhood } from '../core/records/neighborhood';
import type { Site } from '../core/records/sites';
import type { Viewer } from '../core/records/sessions';
import type { Member } from '../core/records/members';
import type { TemplateDefinition } from '../templates/template';

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
    /** The CSRF token for forms on this response. */
    csrfToken: string;
  };
}

/** The context of any route: the app's, or a sub-app's that carries more variables. */
export type AppContext<E extends AppEnv = AppEnv> = Context<E>;

/** Behind `adminsOnly`: the signed-in admin, checked once where the admin area is mounted. */
export type AdminEnv = AppEnv & { Variables: { admin: Viewer } };

/** Behind `membersOnly`: the signed-in member, checked once by the middleware. */
export type MemberEnv = AppEnv & { Variables: { member: Member } };

/**
 * Behind `ownSite`: the site named in the path, which the member owns, and
 * its template, loaded and checked once for every route of the site.
 */
export type SiteEnv = MemberEnv & { Variables: { site: Site; template: TemplateDefinition } };
export type SiteContext = Context<SiteEnv>;

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
