/**
 * How the neighborhood itself is stored: one deployment holds exactly one,
 * a single item edited by admins on the settings page, with neutral
 * defaults until the first save. Pure: no I/O.
 */

export type DirectoryVisibility = 'public' | 'members';
export type JoinPolicy = 'open' | 'approval' | 'invitation';

export interface Neighborhood {
  name: string;
  description: string;
  /** A longer welcome, shown on the front page. */
  welcome: string;
  /** Where it is, in the neighbors' own words. */
  location: string;
  directoryVisibility: DirectoryVisibility;
  joinPolicy: JoinPolicy;
  /** How many sites each member may have. */
  siteLimit: number;
  version: number;
}

export const neighborhoodKey = { pk: 'NEIGHBORHOOD', sk: 'SETTINGS' };
/** How many admins there are, kept beside the settings so the last one cannot leave. */
export const adminCountKey = { pk: 'NEIGHBORHOOD', sk: 'ADMINS' };
/**
 * That an entry of the configured first admins (`ADMIN_HANDLES`: a DID, or
 * a handle in lower case) has made someone an admin. Each entry is used
 * once; afterwards the admins decide, so a later sign-in never grants it
 * again: not to the person they demoted, nor to whoever registers a
 * lapsed handle later.
 */
export const adminBootstrapKey = (entry: string) => ({
  pk: 'NEIGHBORHOOD',
  sk: `ADMIN_BOOTSTRAP#${entry}`,
});

export const defaultNeighborhood: Neighborhood = {
  name: 'Our neighborhood',
  description: 'A home on the web for the people who live here.',
  welcome: '',
  location: '',
  directoryVisibility: 'members',
  joinPolicy: 'approval',
  siteLimit: 3,
  version: 0,
};

/** The stored item as settings; neutral defaults until the first save. */
export function toNeighborhood(item: Record<string, unknown> | undefined): Neighborhood {
  if (!item) return defaultNeighborhood;
  const { pk: _pk, sk: _sk, updatedAt: _updatedAt, ...stored } = item;
  return { ...defaultNeighborhood, ...(stored as Partial<Neighborhood>) };
}
