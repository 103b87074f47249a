/**
 * Fills the neighborhood with many listed members (the directory benchmark
 * uses 1,000), written through the same data functions the app uses, and
 * makes the directory public so signed-out requests can read it.
 */
import type { Dynamo } from '../edge/db/dynamo';
import { putMember } from '../edge/db/members';
import { type Member } from '../core/records/members';
import { getNeighborhood, saveNeighborhood } from '../edge/db/neighborhood';

const FIRST = [
  'Ada',
  'Ben',
  'Cleo',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lena',
];
const LAST = ['Oak', 'Ash', 'Birch', 'Elm', 'Fir', 'Hazel', 'Larch', 'Maple', 'Pine', 'Rowan'];

export async function seedMembers(db: Dynamo, count: number): Promise<void> {
  const start = Date.parse('2025-01-01T00:00:00Z');
  const batch: Promise<Member>[] = [];
  for (let i = 0; i < count; i++) {
    const did = `did:plc:bench${String(i).padStart(19, '0')}`;
    const joinedAt = new Date(start + i * 3_600_000).toISOString();
    batch.push(
      putMember(
        db,
        {
          did,
          handle: `neighbor${i}.test`,
          displayName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
          description: 'Lives on the street; likes the bench by the river.',
          links: [],
          listed: true,
          status: 'member',
          role: 'member',
          joinedAt,
          createdAt: joinedAt,
          updatedAt: joinedAt,
          version: 0,
        },
        null,
      ),
    );
    if (batch.length === 50) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  const current = await getNeighborhood(db);
  await saveNeighborhood(db, { ...current, directoryVisibility: 'public' }, current.version);
}
