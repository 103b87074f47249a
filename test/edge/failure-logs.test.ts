/**
 * What the Worker logs when a request fails, read from `console` in the
 * same isolate: DynamoDB not answering under a signed-in page, DynamoDB
 * refusing a profile save, and a sign-in whose code the PDS will not
 * exchange. Each line names what failed (the call, the status) and none
 * carries the session cookie, a CSRF token, the session secret, the AWS
 * key, the OAuth code or what the person typed.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { app } from '../../edge/app';
import { failureSummary, redact } from '../../edge/failure-log';
import type { Env } from '../../edge/env';
import { profilePath } from '../../core/paths';
import { pendingState } from './pending-sign-in';
import { tableRefusingText } from './refusing-table';
import { bindings, get, ORIGIN, signIn } from './support';

/** Everything logged while `run` runs, one string per call. */
async function logged<T>(run: () => Promise<T>) {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(
        args.map((a) => (a instanceof Error ? (a.stack ?? String(a)) : String(a))).join(' '),
      );
    });
  }
  const result = await run();
  vi.restoreAllMocks();
  return { result, lines, text: lines.join('\n') };
}

/** The secrets no line may hold, whatever failed. */
function expectNoSecrets(text: string, ...more: string[]) {
  for (const secret of [
    bindings.SESSION_SECRET,
    bindings.AWS_SECRET_ACCESS_KEY,
    bindings.AWS_ACCESS_KEY_ID,
    ...more,
  ]) {
    expect(secret.length).toBeGreaterThan(3);
    expect(text).not.toContain(secret);
  }
}

/** The cookie's value alone (after `name=`), as it would appear if logged. */
const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

afterEach(() => vi.restoreAllMocks());

describe('the Worker’s failure logs', () => {
  it('name the DynamoDB call that got no answer under a signed-in page, and no secret', async () => {
    const me = await signIn({}, 'member');
    const env = { ...bindings, DYNAMODB_ENDPOINT: inject('deadBuilderUrl') } as Env;
    const { result, text } = await logged(async () => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`${ORIGIN}/`, { headers: { cookie: me.cookie } }),
        env,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    });
    expect(result.status).toBe(503);
    expect(text).toMatch(
      /storage failed GET \/ DynamoUnreachable (GetItem|BatchGetItem) NetworkError/,
    );
    expectNoSecrets(text, cookieValue(me.cookie), me.csrf, me.session.id);
  });

  it('name the refused write and its status, and nothing the person typed', async () => {
    const storage = await tableRefusingText('location');
    const me = await signIn({}, 'member', storage.db);
    const typed = {
      name: 'Wisteria Person',
      bio: 'Keeps bees behind the wisteria',
      location: 'Lane 7',
    };
    const { result, text } = await logged(() =>
      storage.post(
        `${profilePath(me.member)}/edit`,
        { _csrf: me.csrf, version: String(me.member.version), ...typed, listed: 'on' },
        { cookie: me.cookie },
      ),
    );
    expect(result.status).toBe(503);
    expect(text).toMatch(
      /not saved DynamoError (PutItem|UpdateItem) ValidationException status 400/,
    );
    expectNoSecrets(text, cookieValue(me.cookie), me.csrf, 'Wisteria', 'Lane 7');
  });

  it('say the sign-in failed without the code the callback carried', async () => {
    const code = `code-${crypto.randomUUID()}`;
    const { text } = await logged(async () => {
      const { state, cookie } = await pendingState('alice.test');
      const iss = encodeURIComponent(inject('pdsUrl'));
      const res = await get(`/oauth/callback?state=${state}&code=${code}&iss=${iss}`, { cookie });
      expect(res.status).toBe(502);
      return { cookie };
    });
    expect(text).toMatch(/oauth callback failed \w+/);
    expectNoSecrets(text, code, code.slice(5));
  });
});

describe('failureSummary', () => {
  it('takes token-shaped text out of a message and cuts it short', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkaWQ6cGxjOmFiYyJ9.c2lnbmF0dXJlLWJ5dGVz';
    const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const summary = failureSummary(
      new TypeError(`bad proof ${jwt} with ${key} ${'x '.repeat(400)}`),
    );
    expect(summary).toMatch(/^TypeError: bad proof \[redacted\] with \[redacted\]/);
    expect(summary).not.toContain('eyJ');
    expect(summary).not.toContain('EXAMPLEKEY');
    expect(redact('y '.repeat(400)).length).toBeLessThanOrEqual(300);
  });
});
