/**
 * Proves the public pages read well in a text browser. Before anyone has
 * joined, `lynx -dump` of the front page shows the neighborhood's name and
 * the way in. Once alice (an admin) and bob are members, the front page
 * shows the name, description, welcome text and "Recently joined" with both
 * names, and the directory (`/members`) lists both names and handles, with
 * no "Next page" (two members fit on one page).
 *
 * The members are written through the data layer the sign-in and approval
 * routes use (the browser journeys cover those pages), so this file needs
 * no browser. Each dump takes about 5 s: lynx speaks HTTP/1.0 and waits for
 * workerd to close the idle connection.
 */
import { expect, test } from 'vitest';
import { demoAccounts, demoNeighborhood, localDynamo } from '../../scripts/local/demo';
import { saveProfile } from '../../edge/db/members';
import { decide, ensureAdmin, requestToJoin } from '../../edge/db/membership';
import { lynxDump, readLynxDump as read, useStack } from './stack';

const e2e = useStack({ browser: false });

/** The dump with runs of whitespace (lynx wraps and indents) made single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Both members, each as a link to their profile followed by their handle. */
function expectBothMembers({ text, links }: { text: string; links: string[] }, appUrl: string) {
  for (const [name, handle] of [
    ['Alice Oak', 'alice.test'],
    ['Bob Rivers', 'bob.test'],
  ] as const) {
    expect(text).toMatch(new RegExp(`\\[\\d+\\]${name} @${handle.replace('.', '\\.')}`));
    expect(links).toContain(`${appUrl}/members/${handle}`);
  }
}

/** Makes alice an admin member and bob an approved member, as their sign-ins and alice's approval would. */
async function seedMembers(): Promise<void> {
  const { stack } = e2e;
  const db = localDynamo(stack.dynamoEndpoint, stack.table);
  for (const account of demoAccounts) {
    await saveProfile(db, {
      did: stack.dids[account.handle]!,
      handle: account.handle,
      displayName: account.displayName,
      description: account.description,
    });
  }
  await ensureAdmin(db, stack.dids['alice.test']!);
  await requestToJoin(db, stack.dids['bob.test']!, 'approval');
  await decide(db, stack.dids['bob.test']!, true);
}

test('lynx shows the neighborhood and the sign-in form', async () => {
  const text = await lynxDump(`${e2e.appUrl}/`);
  expect(text).toContain('Oak Street');
  expect(text).toContain('Sign in with Bluesky');
  expect(text).toContain('Nobody is listed yet.');
});

test('lynx shows the front page with its welcome and who joined recently', async () => {
  await seedMembers();
  const page = read(await lynxDump(`${e2e.appUrl}/`));
  const { text } = page;
  expect(text).toContain('Oak Street');
  expect(text).toContain(flat(demoNeighborhood.description));
  expect(text).toContain(flat(demoNeighborhood.welcome));
  expect(text).toContain('Recently joined');
  expectBothMembers(page, e2e.appUrl);
  expect(text.indexOf('Bob Rivers')).toBeLessThan(text.indexOf('Alice Oak')); // newest first
  expect(text).toContain('See all neighbors');
  expect(text).toContain('Sign in with Bluesky, then ask to join');
  expect(text).not.toMatch(/[<>{}]/);
});

test('lynx shows the directory with every member on one page', async () => {
  await seedMembers();
  const page = read(await lynxDump(`${e2e.appUrl}/members`));
  const { text } = page;
  expect(text).toContain('Neighbors');
  expectBothMembers(page, e2e.appUrl);
  expect(text).not.toContain('Nobody is listed');
  expect(text).not.toContain('Next page');
  expect(text).not.toMatch(/[<>{}]/);
});
