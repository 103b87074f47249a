/**
 * The neighborhood itself: one deployment holds exactly one, stored as a
 * single item. Until an operator seeds it, pages fall back to a neutral name.
 */
import type { Dynamo } from './dynamo';

export interface Neighborhood {
  name: string;
  description: string;
}

const key = { pk: 'NEIGHBORHOOD', sk: 'SETTINGS' };

export const unnamedNeighborhood: Neighborhood = {
  name: 'Our neighborhood',
  description: 'A home on the web for the people who live here.',
};

export async function getNeighborhood(db: Dynamo): Promise<Neighborhood> {
  const item = await db.get<Neighborhood>(key);
  return item ? { name: item.name, description: item.description } : unnamedNeighborhood;
}

export async function putNeighborhood(db: Dynamo, neighborhood: Neighborhood): Promise<void> {
  await db.put({ ...key, ...neighborhood, updatedAt: new Date().toISOString() });
}
