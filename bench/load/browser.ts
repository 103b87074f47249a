/**
 * One simulated browser: a cookie jar per origin, GETs and form POSTs
 * through `send`, and a small reader for the forms on a page (the fields a
 * browser would submit, with the values the page put in them). Each request
 * is timed and counted under a kind, for the report.
 */
import { send, type Answer, type Send } from './http';
import type { Recorder } from './report';

/** The fields of one form, in page order, as a browser would submit them. */
export interface Form {
  action: string;
  fields: [string, string][];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] === '#')
      return String.fromCodePoint(
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)),
      );
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const attr = (tag: string, name: string) => {
  const m =
    new RegExp(`\\s${name}="([^"]*)"`).exec(tag) ?? new RegExp(`\\s${name}(?=[\\s>/])`).exec(tag);
  return m ? unescapeHtml(m[1] ?? '') : undefined;
};

/** Every POST form on `html`: its action and the successful controls a submit would send. */
export function forms(html: string): Form[] {
  const found: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open = '', inner = ''] = m;
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields: [string, string][] = [];
    const controls =
      /<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
    for (const c of inner.matchAll(controls)) {
      const tag = c[0];
      if (tag.startsWith('<textarea')) {
        const name = attr(c[1] ?? '', 'name');
        // A browser drops the one line break that may follow the opening tag.
        if (name) fields.push([name, unescapeHtml((c[2] ?? '').replace(/^\r?\n/, ''))]);
      } else if (tag.startsWith('<select')) {
        const name = attr(c[3] ?? '', 'name');
        const options = [...(c[4] ?? '').matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
        const chosen = options.find((o) => attr(o, 'selected') !== undefined) ?? options[0];
        if (name && chosen) fields.push([name, attr(chosen, 'value') ?? '']);
      } else {
        const name = attr(tag, 'name');
        const type = (attr(tag, 'type') ?? 'text').toLowerCase();
        if (!name || type === 'submit' || type === 'button' || type === 'file') continue;
        if ((type === 'checkbox' || type === 'radio') && attr(tag, 'checked') === undefined)
          continue;
        fields.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
      }
    }
    found.push({ action: unescapeHtml(attr(open, 'action') ?? ''), fields });
  }
  return found;
}

/** The form on `html` that posts to `action` (a path, exactly), or an error naming the page. */
export function formFor(html: string, action: string | RegExp): Form {
  const form = forms(html).find((f) =>
    typeof action === 'string' ? f.action === action : action.test(f.action),
  );
  if (!form) throw new Error(`no form posting to ${String(action)} on the page`);
  return form;
}

/** `fields` with `changes` applied: replaced where named, added where not. */
export function filled(form: Form, changes: Record<string, string>): [string, string][] {
  const out = form.fields.map(([k, v]): [string, string] => [k, k in changes ? changes[k]! : v]);
  for (const [k, v] of Object.entries(changes))
    if (!out.some(([name]) => name === k)) out.push([k, v]);
  return out;
}

export const encodeForm = (fields: [string, string][]) => new URLSearchParams(fields).toString();

export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly recorder: Recorder) {}

  /** Keeps (or, for an expired one, drops) each cookie an answer sets. */
  keep(origin: string, answer: Answer): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    this.jar.set(origin, cookies);
    for (const line of answer.cookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /;\s*max-age=0\b/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line))
        cookies.delete(name);
      else cookies.set(name, value);
    }
  }

  cookieHeader(origin: string): string {
    return [...(this.jar.get(origin) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The jar's cookies for `origin`, to replay later (as a stolen or stale cookie would be). */
  snapshot(origin: string): string {
    return this.cookieHeader(origin);
  }

  forget(): void {
    this.jar.clear();
  }

  /** One request with this browser's cookies, timed under `kind`. */
  async fetch(kind: string, url: string, init: Send = {}): Promise<Answer> {
    const origin = new URL(url).origin;
    const cookie = this.cookieHeader(origin);
    const headers = { ...(cookie ? { cookie } : {}), ...init.headers };
    const answer = await this.recorder.time(kind, () => send(url, { ...init, headers }));
    this.keep(origin, answer);
    return answer;
  }

  /** Times a request made some other way (without this browser's cookies) under `kind`. */
  recorderTime(kind: string, request: () => Promise<Answer>): Promise<Answer> {
    return this.recorder.time(kind, request);
  }

  get(kind: string, url: string): Promise<Answer> {
    return this.fetch(kind, url);
  }

  post(
    kind: string,
    url: string,
    fields: [string, string][],
    headers: Record<string, string> = {},
  ) {
    return this.fetch(kind, url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: encodeForm(fields),
    });
  }
}
