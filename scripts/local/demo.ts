/**
 * The demo neighborhood `npm start` seeds: a name and description, two
 * neighbors on the local PDS whose passwords are printed at start-up, and
 * a site of alice's (the street's newsletter), already published, to edit,
 * preview and publish again.
 */
import { Dynamo } from '../../edge/db/dynamo';
import { createItem } from '../../edge/db/items';
import { saveNeighborhood } from '../../edge/db/neighborhood';
import { type Neighborhood } from '../../core/records/neighborhood';
import { startBuild } from '../../edge/db/deploys';
import { createSite, getSite } from '../../edge/db/sites';
import { sample } from '../../templates/newsletter/sample';
import { createAccount, type Account } from './atproto';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamo';

export const demoNeighborhood: Omit<Neighborhood, 'version'> = {
  name: 'Oak Street',
  description:
    'Forty-odd households between the river and the old rail line. Say hello, find a neighbor, share what you make.',
  welcome:
    'Oak Street is a home on the web for the people who live here. Join to appear in the directory, keep a profile, and make a small website of your own.',
  location: 'Oak Street and the lanes off it, between the river and the old rail line.',
  directoryVisibility: 'public',
  joinPolicy: 'approval',
  siteLimit: 3,
};

/** Handles that become admins when they sign in (the `ADMIN_HANDLES` variable). */
export const demoAdmins = ['alice.test'];

export const demoAccounts: Account[] = [
  {
    handle: 'alice.test',
    password: 'alice-demo-password',
    displayName: 'Alice Oak',
    description: 'Keeps bees at number 12. Ask about honey.',
    colour: [47, 107, 79],
  },
  {
    handle: 'bob.test',
    password: 'bob-demo-password',
    displayName: 'Bob Rivers',
    description: 'Fixes bicycles on Saturdays.',
    colour: [176, 92, 40],
  },
];

export function localDynamo(endpoint: string, table: string): Dynamo {
  return new Dynamo({ endpoint, table, region: LOCAL_REGION, ...LOCAL_CREDENTIALS });
}

/** alice's site: the newsletter template's sample content, at `bulletin`. */
export const demoSite = { name: 'bulletin', owner: 'alice.test', template: 'newsletter' } as const;

/** Seeds the neighborhood, the demo accounts and alice's site; returns the DIDs by handle. */
export async function seedDemo(options: {
  dynamoEndpoint: string;
  table: string;
  pdsUrl: string;
}): Promise<Record<string, string>> {
  const db = localDynamo(options.dynamoEndpoint, options.table);
  await saveNeighborhood(db, demoNeighborhood, 0);
  const dids: Record<string, string> = {};
  for (const account of demoAccounts)
    dids[account.handle] = await createAccount(options.pdsUrl, account);
  const site = await createSite(
    db,
    {
      name: demoSite.name,
      ownerDid: dids[demoSite.owner]!,
      template: demoSite.template,
      settings: sample.settings,
    },
    demoNeighborhood.siteLimit,
  );
  for (const { updatedAt: _updatedAt, ...content } of sample.items)
    await createItem(db, site.name, content);
  return dids;
}

/**
 * Publishes alice's site the way the Publish button does: the edge's
 * `startBuild` queues the build, and the builder's own handler runs it,
 * so the demo starts with a live site at `bulletin.localhost`.
 */
export async function publishDemoSite(
  db: Dynamo,
  dids: Record<string, string>,
  builder: (event: unknown) => Promise<unknown>,
): Promise<void> {
  const site = await getSite(db, demoSite.name);
  if (!site) throw new Error(`The demo site ${demoSite.name} is missing`);
  const deploy = await startBuild(db, site, { did: dids[demoSite.owner]!, handle: demoSite.owner });
  const answer = await builder({ kind: 'publish', site: site.name, deploy: deploy.id });
  if ((answer as { state?: unknown }).state !== 'live') {
    throw new Error(`Publishing the demo site failed: ${JSON.stringify(answer)}`);
  }
}
