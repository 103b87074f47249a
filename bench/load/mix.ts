/**
 * The neighbors' own traffic: a closed loop per neighbor (one request
 * waits for the last, as a person does) that picks a step by weight until
 * the time is up: reading pages, editing their profile and their post,
 * making posts, previewing their site through the builder, two tabs saving
 * one post from the same version (exactly one may win; the other must get
 * the conflict answer), and signing out, checking that the old cookie no
 * longer signs anyone in, and signing in again. What the app acknowledged
 * goes into the ledger for the audit.
 */
import type { Ledger } from './audit';
import { filled, formFor } from './browser';
import { send, type Answer } from './http';
import { NO_ANSWER } from './report';
import { createPost, expectStatus, signIn, StepFailed, type Neighbor } from './neighbors';

/** The answers each kind of request of the mix should get. */
export const mixExpected: Record<string, readonly number[]> = {
  'front page': [200],
  directory: [200],
  'directory, next page': [200],
  'profile of a neighbor': [200],
  'own page (/me)': [200],
  dashboard: [200],
  'item editor': [200],
  'item editor (new)': [200],
  'new site form': [200],
  'make site': [303],
  preview: [200],
  'profile edit form': [200],
  'profile save': [303],
  'item save': [303],
  'item create': [303],
  'conflicting save': [303, 409],
  join: [303],
  'sign out': [303],
  'old cookie after sign-out': [303],
  'sign-in: front page': [200],
  'sign-in: POST /login': [303],
  'sign-in: callback': [303],
  'pds: authorize page': [200],
  'pds: sign-in': [200],
  'pds: consent': [200],
};

interface Context {
  app: string;
  neighbors: Neighbor[];
  ledger: Ledger;
  /** Steps that went wrong in a way a status alone does not show, with a count each. */
  findings: Map<string, number>;
}

type Step = (n: Neighbor, c: Context, seq: number) => Promise<void>;

/** A write whose request got no answer: it may or may not have landed (the report counts it). */
const noAnswer = (): Answer => ({ status: NO_ANSWER, body: '', cookies: [] });

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

const view =
  (kind: string, path: (n: Neighbor, c: Context) => string): Step =>
  async (n, c) => {
    await n.browser.get(kind, c.app + path(n, c));
  };

const directory: Step = async (n, c) => {
  const page = await n.browser.get('directory', `${c.app}/members?order=name`);
  const next = /href="(\/members\?order=name&amp;after=[^"]+)"/.exec(page.body)?.[1];
  if (next && Math.random() < 0.5)
    await n.browser.get('directory, next page', c.app + next.replaceAll('&amp;', '&'));
};

const editProfile: Step = async (n, c, seq) => {
  const path = `/members/${n.handle}/edit`;
  const page = await n.browser.get('profile edit form', c.app + path);
  expectStatus('profile edit form', page, 200);
  const bio = `Bio ${n.index}-${seq}: keeps the hedge trimmed.`;
  const res = await n.browser
    .post('profile save', c.app + path, filled(formFor(page.body, path), { bio }))
    .catch(noAnswer);
  c.ledger.bio(n.handle, bio, res.status === 303);
};

const savePost: Step = async (n, c, seq) => {
  const path = `/sites/${n.site}/items/${n.post}`;
  const page = await n.browser.get('item editor', c.app + path);
  expectStatus('item editor', page, 200);
  const title = `Notes from number ${n.index + 1}, take ${seq}`;
  const body = `Save ${n.index}-${seq} of the notes.`;
  const res = await n.browser
    .post('item save', c.app + path, filled(formFor(page.body, path), { title, body }))
    .catch(noAnswer);
  c.ledger.item(n.site, n.post, title, body, res.status === 303);
};

const makePost: Step = async (n, c, seq) => {
  const title = `Extra ${n.index}-${seq}`;
  const body = `Made during the run, ${seq}.`;
  const id = await createPost(n, c.app, title, body);
  n.created.push(id);
  c.ledger.item(n.site, id, title, body, true);
};

/** Two tabs opened at one version, saved at once with different text. */
const conflictingPair: Step = async (n, c, seq) => {
  const path = `/sites/${n.site}/items/${n.contested}`;
  const page = await n.browser.get('item editor', c.app + path);
  expectStatus('item editor', page, 200);
  const form = formFor(page.body, path);
  const version = Number(form.fields.find(([k]) => k === 'version')?.[1]);
  const contest = c.ledger.contest(n.site, n.contested);
  contest.startVersion ??= version;
  contest.pairs++;
  const bodies = [`Tab A ${n.index}-${seq}.`, `Tab B ${n.index}-${seq}.`];
  const answers = await Promise.all(
    bodies.map((body) =>
      n.browser.post('conflicting save', c.app + path, filled(form, { body })).catch(noAnswer),
    ),
  );
  const statuses = answers.map((a) => a.status);
  const won = statuses.filter((s) => s === 303).length;
  const lost = statuses.filter((s) => s === 409).length;
  if (won === 1 && lost === 1) {
    contest.decided++;
    contest.winner = bodies[statuses.indexOf(303)];
    const loser = answers[statuses.indexOf(409)]!;
    // The conflict answer keeps the loser's text for them to choose.
    if (!loser.body.includes(bodies[statuses.indexOf(409)]!))
      finding(c, 'conflict answer lost the text typed');
  } else
    contest.undecided.push(
      `from version ${version} the two saves answered ${statuses.map((s) => s || 'nothing').join(' and ')}`,
    );
};

const preview: Step = async (n, c) => {
  await n.browser.get('preview', `${c.app}/sites/${n.site}/preview/`);
};

const signOutAndIn: Step = async (n, c) => {
  const me = await n.browser.get('own page (/me)', `${c.app}/me`);
  expectStatus('/me', me, 200);
  const old = n.browser.cookieHeader(c.app);
  const out = await n.browser.post(
    'sign out',
    `${c.app}/logout`,
    formFor(me.body, '/logout').fields,
  );
  expectStatus('sign out', out, 303);
  // The cookie a thief kept from before: the session behind it is gone.
  const stale = await n.browser.recorderTime('old cookie after sign-out', () =>
    send(`${c.app}/me`, { headers: { cookie: old } }),
  );
  if (stale.status !== 303 || stale.location !== '/')
    finding(c, `old cookie still opened /me (${stale.status})`);
  await signIn(n, c.app);
};

function finding(c: Context, what: string): void {
  c.findings.set(what, (c.findings.get(what) ?? 0) + 1);
}

const steps: [number, Step][] = [
  [3, view('front page', () => '/')],
  [2, directory],
  [2, view('profile of a neighbor', (_, c) => `/members/${pick(c.neighbors).handle}`)],
  [1, view('own page (/me)', () => '/me')],
  [2, view('dashboard', (n) => `/sites/${n.site}`)],
  [2, view('item editor', (n) => `/sites/${n.site}/items/${n.post}`)],
  [1, preview],
  [1.5, editProfile],
  [2, savePost],
  [0.5, makePost],
  [1, conflictingPair],
  [0.4, signOutAndIn],
];
const totalWeight = steps.reduce((sum, [w]) => sum + w, 0);

function chooseStep(): Step {
  let r = Math.random() * totalWeight;
  for (const [w, step] of steps) if ((r -= w) < 0) return step;
  return steps[0]![1];
}

/** Runs every neighbor's loop until `until` (a `Date.now()` value). */
export async function runMix(c: Context, until: number): Promise<void> {
  await Promise.all(
    c.neighbors.map(async (n) => {
      let signedIn = true;
      for (let seq = 1; Date.now() < until; seq++) {
        try {
          if (!signedIn) await signIn(n, c.app);
          signedIn = true;
          await chooseStep()(n, c, seq);
        } catch (error) {
          // A step that could not go on (a refused sign-in, an answer without its form).
          finding(c, error instanceof StepFailed ? error.message : `error: ${String(error)}`);
          signedIn = !!n.browser.cookieHeader(c.app).includes('nbhd_session=');
        }
      }
    }),
  );
}

export type { Context as MixContext };
