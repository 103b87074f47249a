/**
 * The hostile traffic that runs beside the neighbors: two signed-in
 * members (with sites of their own) and signed-out strangers sending what
 * the app must refuse, each with the one answer it should get: oversized
 * bodies (413, before anything reads them), forged, missing or another
 * session's CSRF tokens (403), another neighbor's site, post, preview or
 * profile (404, as if it did not exist), malformed and foreign directory
 * cursors (the first page, 200), and state-changing POSTs from someone
 * signed out (403 without a token, 401 with a stranger's own token). Each
 * carries `INTRUSION` in what it would write, so the audit can show that
 * none of it changed anything.
 */
import { ITEM_FORM_BYTES, FORM_BYTES } from '../../core/forms/body-limits';
import { INTRUDER_SITE, INTRUSION } from './audit';
import { Browser, encodeForm, filled, formFor } from './browser';
import { send } from './http';
import type { Neighbor } from './neighbors';
import type { Recorder } from './report';

export const hostileExpected: Record<string, readonly number[]> = {
  'hostile: own page to attack from': [200],
  'hostile: oversized item save': [413],
  'hostile: oversized profile save': [413],
  'hostile: forged csrf': [403],
  'hostile: missing csrf': [403],
  "hostile: another session's csrf": [403],
  "hostile: another's site": [404],
  "hostile: another's post": [404],
  "hostile: another's post in own site": [404],
  "hostile: another's preview": [404],
  "hostile: another's profile save": [404],
  'hostile: malformed cursor': [200],
  'hostile: foreign cursor': [200],
  'hostile: signed-out POST, no token': [403],
  'hostile: signed-out POST, own token': [401],
  'hostile: signed-out item save': [401],
};

interface Attack {
  app: string;
  attackers: [Neighbor, Neighbor];
  victims: Neighbor[];
  recorder: Recorder;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

type Case = (a: Attack) => Promise<unknown>;

/** The attacker's own editor form: a real token and every field, to send somewhere it must not go. */
async function ownEditor(a: Attack, attacker: Neighbor) {
  const path = `/sites/${attacker.site}/items/${attacker.post}`;
  const page = await attacker.browser.get('hostile: own page to attack from', a.app + path);
  return { path, form: formFor(page.body, path) };
}

async function ownProfileForm(a: Attack, attacker: Neighbor) {
  const path = `/members/${attacker.handle}/edit`;
  const page = await attacker.browser.get('hostile: own page to attack from', a.app + path);
  return { path, form: formFor(page.body, path) };
}

const token = (fields: [string, string][]) => fields.find(([k]) => k === '_csrf')?.[1] ?? '';

const cases: Case[] = [
  async (a) => {
    const { path, form } = await ownEditor(a, a.attackers[0]);
    const body = encodeForm(filled(form, { body: INTRUSION + 'x'.repeat(ITEM_FORM_BYTES) }));
    return a.attackers[0].browser.fetch('hostile: oversized item save', a.app + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  },
  async (a) => {
    const { path, form } = await ownProfileForm(a, a.attackers[0]);
    const body = encodeForm(filled(form, { bio: INTRUSION + 'x'.repeat(FORM_BYTES) }));
    return a.attackers[0].browser.fetch('hostile: oversized profile save', a.app + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  },
  async (a) => {
    const { path, form } = await ownProfileForm(a, a.attackers[0]);
    const forged = filled(form, {
      _csrf: 'forged-token-forged-token-forged-token-forge',
      bio: `${INTRUSION}: a forged token`,
    });
    return a.attackers[0].browser.post('hostile: forged csrf', a.app + path, forged);
  },
  async (a) => {
    const { path, form } = await ownEditor(a, a.attackers[0]);
    const fields = filled(form, { body: `${INTRUSION}: no token` }).filter(([k]) => k !== '_csrf');
    return a.attackers[0].browser.post('hostile: missing csrf', a.app + path, fields);
  },
  async (a) => {
    // The second attacker's token, on the first attacker's own form.
    const other = await ownProfileForm(a, a.attackers[1]);
    const { path, form } = await ownProfileForm(a, a.attackers[0]);
    const fields = filled(form, {
      _csrf: token(other.form.fields),
      bio: `${INTRUSION}: a borrowed token`,
    });
    return a.attackers[0].browser.post("hostile: another session's csrf", a.app + path, fields);
  },
  (a) =>
    a.attackers[0].browser.get("hostile: another's site", `${a.app}/sites/${pick(a.victims).site}`),
  async (a) => {
    const { form } = await ownEditor(a, a.attackers[0]);
    const v = pick(a.victims);
    const fields = filled(form, { title: INTRUSION, body: `${INTRUSION}: another's post` });
    return a.attackers[0].browser.post(
      "hostile: another's post",
      `${a.app}/sites/${v.site}/items/${v.post}`,
      fields,
    );
  },
  async (a) => {
    const { form } = await ownEditor(a, a.attackers[0]);
    const v = pick(a.victims);
    const fields = filled(form, { title: INTRUSION, body: `${INTRUSION}: through my own site` });
    const path = `/sites/${a.attackers[0].site}/items/${v.post}`;
    return a.attackers[0].browser.post("hostile: another's post in own site", a.app + path, fields);
  },
  (a) =>
    a.attackers[1].browser.get(
      "hostile: another's preview",
      `${a.app}/sites/${pick(a.victims).site}/preview/`,
    ),
  async (a) => {
    const { form } = await ownProfileForm(a, a.attackers[1]);
    const v = pick(a.victims);
    const fields = filled(form, { bio: `${INTRUSION}: another's profile` });
    return a.attackers[1].browser.post(
      "hostile: another's profile save",
      `${a.app}/members/${v.handle}/edit`,
      fields,
    );
  },
  (a) =>
    a.attackers[1].browser.get(
      'hostile: malformed cursor',
      `${a.app}/members?order=name&after=%7B%22not%22%3A%5B`,
    ),
  (a) => {
    // A well-formed key of another kind of record: a post's, in the directory.
    const v = pick(a.victims);
    const key = Buffer.from(
      JSON.stringify({ pk: `SITE#${v.site}`, sk: `ITEM#${v.post}` }),
    ).toString('base64url');
    return a.attackers[1].browser.get(
      'hostile: foreign cursor',
      `${a.app}/members?order=newest&after=${key}`,
    );
  },
  (a) =>
    a.recorder.time('hostile: signed-out POST, no token', () =>
      send(`${a.app}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      }),
    ),
  async (a) => {
    const stranger = new Browser(a.recorder);
    const front = await stranger.get('hostile: own page to attack from', `${a.app}/`);
    const fields = [
      ...formFor(front.body, '/login').fields.filter(([k]) => k === '_csrf'),
      ['name', INTRUDER_SITE],
      ['template', 'blog'],
    ] as [string, string][];
    return stranger.post('hostile: signed-out POST, own token', `${a.app}/sites`, fields);
  },
  async (a) => {
    const stranger = new Browser(a.recorder);
    const front = await stranger.get('hostile: own page to attack from', `${a.app}/`);
    const v = pick(a.victims);
    const fields = [
      ...formFor(front.body, '/login').fields.filter(([k]) => k === '_csrf'),
      ['title', 'x'],
      ['body', `${INTRUSION}: signed out`],
    ] as [string, string][];
    return stranger.post(
      'hostile: signed-out item save',
      `${a.app}/sites/${v.site}/items/${v.post}`,
      fields,
    );
  },
];

/** Two loops of hostile requests, one case at a time each, until `until`. */
export async function runHostile(
  a: Attack,
  until: number,
  findings: Map<string, number>,
): Promise<void> {
  await Promise.all(
    [0, 1].map(async () => {
      while (Date.now() < until) {
        try {
          await pick(cases)(a);
        } catch (error) {
          const what = `hostile: ${String(error)}`;
          findings.set(what, (findings.get(what) ?? 0) + 1);
        }
      }
    }),
  );
}
