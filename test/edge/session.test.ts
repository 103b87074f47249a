/**
 * The session cookie: a valid one shows who you are; a tampered, expired or
 * revoked one means "signed out" (and is cleared), never an error page.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signSessionToken } from '../../edge/auth/cookie';
import { deleteAllSessions, deleteSession } from '../../edge/db/sessions';
import { bindings, db, get, signIn } from './support';

const clearsCookie = (res: Response) =>
  expect(res.headers.get('set-cookie') ?? '').toMatch(/nbhd_session=; Max-Age=0/);

describe('GET /me', () => {
  it('shows the signed-in member’s name, handle and avatar, and a sign-out form', async () => {
    const { cookie, csrf } = await signIn({
      displayName: 'Alice <Oak>',
      handle: 'alice.example.com',
      avatarUrl: 'https://pds.example.com/xrpc/com.atproto.sync.getBlob?did=x&cid=y',
    });
    const res = await get('/me', { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Alice &lt;Oak&gt;');
    expect(html).toContain('@alice.example.com');
    expect(html).toContain(
      'src="https://pds.example.com/xrpc/com.atproto.sync.getBlob?did=x&amp;cid=y"',
    );
    expect(html).toMatch(/<form method="post" action="\/logout"[ >]/);
    expect(html).toContain(`name="_csrf" value="${csrf}"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('sends a signed-out visitor to the front page', async () => {
    const res = await get('/me');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('treats a tampered cookie as signed out and clears it', async () => {
    // Mallory keeps her own signature but swaps in the claims of Alice's live session:
    // only the signature check stands between her and Alice's account.
    const mallory = await signIn();
    const alice = await signIn({ displayName: 'Alice Tampered' });
    const [header, , signature] = mallory.cookie.split('=')[1]!.split('.');
    const [, alicePayload] = alice.cookie.split('=')[1]!.split('.');
    const tampered = `${header}.${alicePayload}.${signature}`;
    const res = await get('/me', { cookie: `nbhd_session=${tampered}` });
    expect(res.status).toBe(303);
    clearsCookie(res);
    // The untouched cookie is still Alice's, so the claims were a live session's.
    expect(await (await get('/me', { cookie: alice.cookie })).text()).toContain('Alice Tampered');
  });

  it('treats a cookie signed with another key as signed out', async () => {
    const { member, session } = await signIn();
    const token = await signSessionToken(
      'x'.repeat(40),
      { did: member.did, sid: session.id },
      session.expiresAt,
    );
    const res = await get('/me', { cookie: `nbhd_session=${token}` });
    expect(res.status).toBe(303);
    clearsCookie(res);
  });

  it('treats an expired cookie as signed out', async () => {
    const { member, session } = await signIn();
    const expired = await new SignJWT({ sid: session.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(member.did)
      .setIssuer('nbhd')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(bindings.SESSION_SECRET));
    const res = await get('/me', { cookie: `nbhd_session=${expired}` });
    expect(res.status).toBe(303);
    clearsCookie(res);
  });

  it('signs the browser out at once when its session item is revoked', async () => {
    const { member, session, cookie } = await signIn();
    expect((await get('/me', { cookie })).status).toBe(200);
    await deleteSession(db, member.did, session.id);
    const res = await get('/me', { cookie });
    expect(res.status).toBe(303);
    clearsCookie(res);
  });

  it('ends every session of a member together (sign-out everywhere, removal)', async () => {
    const first = await signIn();
    const second = await signIn({ did: first.member.did });
    expect(await deleteAllSessions(db, first.member.did)).toBe(2);
    expect((await get('/me', { cookie: first.cookie })).status).toBe(303);
    expect((await get('/me', { cookie: second.cookie })).status).toBe(303);
  });

  it('treats a session past its expiry as signed out even before DynamoDB deletes it', async () => {
    const { member, session, cookie } = await signIn();
    await db.put({
      pk: `MEMBER#${member.did}`,
      sk: `SESSION#${session.id}`,
      ...session,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    expect((await get('/me', { cookie })).status).toBe(303);
  });
});

describe('GET / when signed in', () => {
  it('greets the member by name instead of showing the sign-in form', async () => {
    const { cookie } = await signIn({ displayName: 'Bea Linden' }, 'member');
    const html = await (await get('/', { cookie })).text();
    expect(html).toContain('Welcome back, Bea Linden.');
    expect(html).not.toContain('action="/login"');
  });
});
