/**
 * A save the database refuses loses nothing: the form comes back with every
 * character typed and says it was not saved. The failure is real: the
 * Worker runs against its own table in the same dynalite, built with an
 * extra index that expects a number where items store their title, so
 * DynamoDB rejects every item write while reads (session, site) still work.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../edge/app';
import { signSessionToken } from '../../edge/auth/cookie';
import { csrfToken } from '../../edge/auth/csrf';
import { Dynamo } from '../../edge/db/dynamo';
import { itemKey, slugKey } from '../../core/records/sites';
import { saveProfile } from '../../edge/db/members';
import { requestToJoin } from '../../edge/db/membership';
import { createSession } from '../../edge/db/sessions';
import { createSite } from '../../edge/db/sites';
import { createTableInput } from '../../core/records/table';
import type { Env } from '../../edge/env';
import { defaultSettings } from '../../templates/settings';
import { blog } from '../../templates/blog/template';
import { escaped, HTMX, newItemForm } from './item-support';
import { bindings, ORIGIN, testDid } from './support';

const table = `refuses-items-${crypto.randomUUID().slice(0, 8)}`;
const env: Env = { ...bindings, DYNAMODB_TABLE: table };
const db = new Dynamo({
  endpoint: bindings.DYNAMODB_ENDPOINT,
  table,
  region: bindings.AWS_REGION,
  accessKeyId: bindings.AWS_ACCESS_KEY_ID,
  secretAccessKey: bindings.AWS_SECRET_ACCESS_KEY,
});

let cookie = '';
let csrf = '';
const site = 'refusing-site';

beforeAll(async () => {
  const input = createTableInput(table);
  await db.call('CreateTable', {
    ...input,
    AttributeDefinitions: [
      ...input.AttributeDefinitions,
      { AttributeName: 'title', AttributeType: 'N' },
    ],
    GlobalSecondaryIndexes: [
      ...input.GlobalSecondaryIndexes,
      {
        IndexName: 'titleAsNumber',
        KeySchema: [{ AttributeName: 'title', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
  // dynalite makes a table ACTIVE a moment after CreateTable returns.
  for (let tries = 0; tries < 50; tries++) {
    const { Table } = await db.call<{ Table: { TableStatus: string } }>('DescribeTable', {
      TableName: table,
    });
    if (Table.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const did = testDid();
  await saveProfile(db, { did, handle: `${did.slice(8, 16)}.test`, displayName: 'Refused' });
  await requestToJoin(db, did, 'open');
  const session = await createSession(db, did);
  cookie = `nbhd_session=${await signSessionToken(bindings.SESSION_SECRET, { did, sid: session.id }, session.expiresAt)}`;
  csrf = await csrfToken(bindings.SESSION_SECRET, session.id);
  await createSite(
    db,
    { name: site, ownerDid: did, template: 'blog', settings: defaultSettings(blog.settings) },
    5,
  );
});

async function post(
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
      body: new URLSearchParams(form).toString(),
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe('POST /sites/:name/items when the database refuses the write', () => {
  it('comes back with every character typed, says it was not saved, and frees the slug', async () => {
    const body = `A draft I would hate to lose: <é & 🌻>\n${'words '.repeat(5000)}`;
    const res = await post(
      `/sites/${site}/items`,
      newItemForm({ csrf }, { title: 'Precious', body }),
    );
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('Not saved: we could not store it just now.');
    expect(html).toContain(`>${escaped(body)}</textarea>`);
    expect(html).toMatch(/name="title"[^>]*value="Precious"/);
    expect(await db.get(slugKey(site, 'precious'))).toBeUndefined();
  });

  it('answers the same as a fragment for htmx', async () => {
    const res = await post(`/sites/${site}/items`, newItemForm({ csrf }, { body: 'Kept.' }), HTMX);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html.startsWith('<div id="editor">')).toBe(true);
    expect(html).toContain('Not saved');
    expect(html).toContain('>Kept.</textarea>');
  });
});

describe('POST /sites/:name/items/:id when the database refuses the write', () => {
  it('keeps the edit in the form and says it was not saved', async () => {
    const id = crypto.randomUUID();
    // An item stored before the write rule bit: its title is the number the index wants.
    await db.put({
      ...itemKey(site, id),
      id,
      site,
      kind: 'entry',
      title: 1,
      slug: 'one',
      date: '2026-05-01',
      tags: [],
      summary: '',
      body: 'Old',
      status: 'draft',
      link: '',
      imageUrl: '',
      imageAlt: '',
      createdAt: '2026-05-01T00:00:00.000Z',
      updatedAt: '2026-05-01T00:00:00.000Z',
      version: 1,
    });
    const res = await post(`/sites/${site}/items/${id}`, {
      ...newItemForm({ csrf }, { title: 'Renamed', slug: 'one', body: 'An edit worth keeping.' }),
      version: '1',
    });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('Not saved: we could not store it just now.');
    expect(html).toContain('>An edit worth keeping.</textarea>');
    expect(html).toContain('name="version" value="1"');
  });
});
