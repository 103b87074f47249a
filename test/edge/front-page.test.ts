/**
 * The front page for everyone who may look at it: the neighborhood's own
 * words, the "how to join" panel for each viewer state and join policy,
 * "Recently joined" only where the directory may be seen, the sign-in
 * form's `next`, and the page's cost in DynamoDB requests (published sites
 * are `published-links.test.ts`'s).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decide, remove } from '../../edge/db/membership';
import { getNeighborhood, saveNeighborhood } from '../../edge/db/neighborhood';
import { type Neighborhood } from '../../core/records/neighborhood';
import { bindings, db, get, signIn, anAdmin } from './support';

/** Saves the given settings over the current ones (other test files share the item). */
async function settings(patch: Partial<Neighborhood>) {
  const { version, ...current } = await getNeighborhood(db);
  await saveNeighborhood(db, { ...current, ...patch }, version);
}

const page = async (cookie?: string, path = '/') =>
  (await get(path, cookie ? { cookie } : {})).text();

let original: Neighborhood;
beforeAll(async () => {
  original = await getNeighborhood(db);
});
afterAll(async () => {
  const { joinPolicy, directoryVisibility, welcome, location } = original;
  await settings({ joinPolicy, directoryVisibility, welcome, location });
});

describe('GET / — the neighborhood', () => {
  it('shows the welcome text as paragraphs and where the neighborhood is', async () => {
    await settings({
      welcome: 'First line <b>here</b>.\n\nSecond paragraph.',
      location: 'Between the river and the rail line',
    });
    const html = await page();
    expect(html).toContain('<p>First line &lt;b&gt;here&lt;/b&gt;.</p><p>Second paragraph.</p>');
    expect(html).toContain('Between the river and the rail line');
  });

  it('keeps a local ?next= for the sign-in form and drops one pointing elsewhere', async () => {
    expect(await page(undefined, '/?next=%2Fmembers%2Fbea.test')).toContain(
      '<input type="hidden" name="next" value="/members/bea.test"/>',
    );
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example'])
      expect(await page(undefined, `/?next=${encodeURIComponent(next)}`)).not.toContain(
        'name="next"',
      );
  });
});

describe('GET / — how to join, signed out', () => {
  it.each([
    ['open', 'Anyone can join: sign in with Bluesky, then press Join.'],
    ['approval', 'Sign in with Bluesky, then ask to join; an admin answers each request.'],
    ['invitation', 'Joining is by invitation: ask a neighbor for a link'],
  ] as const)(
    'explains the %s policy in one sentence next to the sign-in form',
    async (policy, words) => {
      await settings({ joinPolicy: policy });
      const html = await page();
      expect(html).toContain(words);
      expect(html).toContain('action="/login"');
      expect(html).not.toContain('action="/join"');
    },
  );
});

describe('GET / — how to join, signed in', () => {
  it('offers a visitor a Join button when joining is open', async () => {
    await settings({ joinPolicy: 'open' });
    const { cookie, csrf } = await signIn();
    const html = await page(cookie);
    expect(html).toMatch(/<form method="post" action="\/join">/);
    expect(html).toContain(`name="_csrf" value="${csrf}"`);
    expect(html).toContain('Join Oak Street</button>');
    expect(html).not.toContain('action="/login"');
  });

  it('offers a visitor an "Ask to join" button when joining is on approval', async () => {
    await settings({ joinPolicy: 'approval' });
    const html = await page((await signIn()).cookie);
    expect(html).toMatch(/<form method="post" action="\/join">/);
    expect(html).toContain('Ask to join</button>');
  });

  it('tells a visitor to ask a neighbor for a link when joining is by invitation', async () => {
    await settings({ joinPolicy: 'invitation' });
    const html = await page((await signIn()).cookie);
    expect(html).toContain('Joining is by invitation: ask a neighbor for a link.');
    expect(html).not.toContain('action="/join"');
  });

  it('tells a pending person their request is waiting, with no button but a way to withdraw', async () => {
    await settings({ joinPolicy: 'approval' });
    const html = await page((await signIn({}, 'pending')).cookie);
    expect(html).toContain('Your request is waiting for an admin');
    expect(html).toContain('<a href="/join/withdraw">');
    expect(html).not.toContain('action="/join"');
  });

  it('shows a declined person the admin’s message and lets them ask again', async () => {
    await settings({ joinPolicy: 'approval' });
    const { member, cookie } = await signIn({}, 'pending');
    await decide(db, member.did, false, 'Only for <people> on the street, sorry!');
    const html = await page(cookie);
    expect(html).toContain('Only for &lt;people&gt; on the street, sorry!');
    expect(html).toMatch(/<form method="post" action="\/join">/);
    expect(html).toContain('Ask again</button>');
  });

  it('tells a removed person they were removed and where to download their data', async () => {
    await settings({ joinPolicy: 'open' });
    const { member } = await signIn({}, 'member');
    await remove(db, member.did, anAdmin); // ends their sessions; they sign in again
    const html = await page((await signIn({ did: member.did })).cookie);
    expect(html).toContain('You were removed from Oak Street');
    expect(html).toContain('href="/me/export"');
    expect(html).not.toContain('action="/join"');
  });

  it('shows an approved member the message the admin sent with the approval', async () => {
    const pending = await signIn({ displayName: 'Dee Rowan' }, 'pending');
    await decide(db, pending.member.did, true, 'Welcome, <neighbor>!');
    const html = await page(pending.cookie);
    expect(html).toContain('Welcome back, Dee Rowan.');
    expect(html).toContain('An admin welcomed you in:');
    expect(html).toContain('<blockquote>Welcome, &lt;neighbor&gt;!</blockquote>');
    const me = await (await get('/me', { cookie: pending.cookie })).text();
    expect(me).toContain('An admin welcomed you in:');
    expect(me).toContain('<blockquote>Welcome, &lt;neighbor&gt;!</blockquote>');
  });

  it('welcomes a member back by name, with no join button', async () => {
    const html = await page((await signIn({ displayName: 'Cy Maple' }, 'member')).cookie);
    expect(html).toContain('Welcome back, Cy Maple.');
    expect(html).toContain('href="/me"');
    expect(html).not.toContain('action="/join"');
    expect(html).not.toContain('action="/login"');
  });
});

describe('GET / — recently joined', () => {
  it('lists the newest listed members, newest first, when the directory is public', async () => {
    await settings({ directoryVisibility: 'public' });
    await signIn({ displayName: 'Older Neighbor' }, 'member');
    await signIn({ displayName: 'Newest Neighbor' }, 'member');
    const html = await page();
    expect(html).toContain('Recently joined');
    expect(html).toContain('href="/members"');
    const cards = html.match(/<li class="member-card">/g) ?? [];
    expect(cards.length).toBeGreaterThan(1);
    expect(cards.length).toBeLessThanOrEqual(6);
    expect(html.indexOf('Newest Neighbor')).toBeLessThan(html.indexOf('Older Neighbor'));
  });

  it('hides them from everyone but members when the directory is for members only', async () => {
    await settings({ directoryVisibility: 'members' });
    await signIn({ displayName: 'Quiet Neighbor' }, 'member');
    for (const viewer of [undefined, 'visitor', 'pending'] as const) {
      const cookie = viewer && (await signIn({}, viewer)).cookie;
      const html = await page(cookie);
      expect(html).not.toContain('Recently joined');
      expect(html).not.toContain('Quiet Neighbor');
      expect(html).not.toContain('member-card');
    }
    const html = await page((await signIn({}, 'member')).cookie);
    expect(html).toContain('Recently joined');
    expect(html).toContain('Quiet Neighbor');
  });
});

describe('GET / — cost', () => {
  /** DynamoDB operations the Worker sends while answering `/` (aws4fetch passes a Request). */
  async function dynamoCalls(cookie?: string) {
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      const res = await get('/', cookie ? { cookie } : {});
      expect(res.status).toBe(200);
      await res.text();
      return spy.mock.calls
        .map(([input]) => input as Request)
        .filter((r) => r.url.startsWith(bindings.DYNAMODB_ENDPOINT))
        .map((r) => r.headers.get('x-amz-target')?.split('.')[1]);
    } finally {
      spy.mockRestore();
    }
  }

  it('makes at most 3 DynamoDB requests, and never a Scan, for each kind of viewer', async () => {
    await settings({ directoryVisibility: 'public' });
    const member = await signIn({}, 'member');
    // The neighborhood, then "Recently joined" and "Lately published" side by side.
    expect(await dynamoCalls()).toEqual(['GetItem', 'Query', 'Query']);
    // Signed in, the neighborhood comes with the viewer in one BatchGetItem.
    expect(await dynamoCalls(member.cookie)).toEqual(['BatchGetItem', 'Query', 'Query']);
    await settings({ directoryVisibility: 'members' });
    expect(await dynamoCalls((await signIn()).cookie)).toEqual(['BatchGetItem']);
  });

  it('may be cached only by the browser, and only for the same cookie', async () => {
    const res = await get('/');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toContain('Cookie');
  });
});
