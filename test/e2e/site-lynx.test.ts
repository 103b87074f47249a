/**
 * Proves lynx can write and edit a post (here an issue of alice's
 * newsletter, the demo's `bulletin`) with nothing but its keys. lynx cannot
 * sign in (the PDS's pages need JavaScript), so alice signs in with
 * Chromium and lynx gets her session cookie. From then on lynx works alone,
 * in its interactive mode driven by a keystroke script (`-cmd_script`):
 * it follows "New issue" from the dashboard, moves to each field with the
 * Down Arrow and types into it, and presses Save; later it follows the
 * issue's link, replaces the title, adds a line to the text, chooses
 * "Ready" and saves again. Chromium then reads the results in the editor
 * and on the dashboard.
 *
 * Where the fields are is read from lynx itself first (`-dump
 * -number_fields` numbers links and fields in the order Down Arrow visits
 * them), which also shows every field and button of the editor with its
 * label. lynx reaches the app through a pass-through proxy that closes each
 * connection when the answer is complete (see `lynxSession`); without it,
 * every page would wait about 5 s for `wrangler dev` to close it.
 */
import { expect, test } from 'vitest';
import { demoAccounts } from '../../scripts/local/demo';
import { signInAs } from './journey';
import { itemFormValues, lynxNumbers } from './sites';
import { lynxSession, lynxTyping, useStack, type LynxKey, type LynxSession } from './stack';

const e2e = useStack();
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;

const down = (times: number): LynxKey[] => Array<LynxKey>(times).fill('Down Arrow');

/** The dump with runs of whitespace (lynx wraps and indents) made single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

test('lynx writes a new issue and then edits it, with its keys alone', async () => {
  const { appUrl } = e2e;
  const dashboardUrl = `${appUrl}/sites/bulletin`;
  const context = await e2e.browser.newContext();
  let lynx: LynxSession | undefined;
  try {
    const page = await signInAs(context, e2e, alice);
    lynx = await lynxSession(await context.cookies(appUrl));
    // The dashboard and the new-issue form, as lynx lists them.
    const dashboard = await lynx.dump(dashboardUrl, { numbered: true });
    const newIssue = lynxNumbers.link(dashboard, 'New issue');
    const form = await lynx.dump(`${dashboardUrl}/items/new?kind=entry`, { numbered: true });
    expect(flat(form)).toContain('New issue');
    for (const label of ['Title', 'Web address (slug)', 'Issue number', 'Date', 'Tags'])
      expect(lynxNumbers.field(form, label)).toBeGreaterThan(0);
    for (const label of ['Summary', 'Text'])
      expect(lynxNumbers.field(form, label)).toBeGreaterThan(0);
    expect(lynxNumbers.radio(form, 'Draft: only you see it')).toBeGreaterThan(0);
    expect(lynxNumbers.radio(form, 'Ready: part of the site')).toBeGreaterThan(0);
    const title = lynxNumbers.field(form, 'Title');
    const text = lynxNumbers.field(form, 'Text');
    const save = lynxNumbers.button(form, 'Save');

    // lynx follows "New issue", types a title and three lines of text, and saves.
    const written = {
      title: 'Tool library opens on Saturday',
      lines: ['The tool library opens at number 7.', '', 'Bring a tool, borrow a tool.'],
    };
    await lynx.drive(dashboardUrl, [
      ...down(newIssue - 1),
      '^J',
      ...down(title - 1),
      ...lynxTyping(written.title),
      ...down(text - title),
      ...written.lines.flatMap((line, i) => [...(i ? down(1) : []), ...lynxTyping(line)]),
      ...down(save - (text + written.lines.length - 1)),
      '^J',
    ]);

    // Chromium finds it on the dashboard, saved as typed: a draft, with the next number.
    await page.goto(dashboardUrl);
    await page.getByRole('link', { name: written.title, exact: true }).click();
    await page.waitForURL(/\/sites\/bulletin\/items\/[0-9a-f-]{36}$/);
    const itemUrl = page.url();
    expect(await itemFormValues(page)).toMatchObject({
      title: written.title,
      slug: 'tool-library-opens-on-saturday',
      number: '6',
      body: written.lines.join('\n'),
      status: 'draft',
    });

    // Now lynx follows the issue's link, replaces the title, adds a line, chooses Ready, saves.
    const dashboardAgain = await lynx.dump(dashboardUrl, { numbered: true });
    const issueLink = lynxNumbers.link(dashboardAgain, written.title);
    const editor = await lynx.dump(itemUrl, { numbered: true });
    expect(flat(editor)).toContain(`Edit issue: ${written.title}`);
    const titleField = lynxNumbers.field(editor, 'Title');
    const firstLine = lynxNumbers.field(editor, 'Text');
    const ready = lynxNumbers.radio(editor, 'Ready: part of the site');
    const saveButton = lynxNumbers.button(editor, 'Save');
    const edited = {
      title: 'Tool library opens this Saturday',
      line: 'Ask Bob about the bicycle pump.',
    };
    // The text's lines, then one blank line, then the new one.
    const newLine = firstLine + written.lines.length + 1;
    await lynx.drive(dashboardUrl, [
      ...down(issueLink - 1),
      '^J',
      ...down(titleField - 1),
      '^U',
      ...lynxTyping(edited.title),
      ...down(newLine - titleField),
      ...lynxTyping(edited.line),
      ...down(ready - newLine),
      '^J',
      ...down(saveButton - ready),
      '^J',
    ]);

    // Chromium sees the edit in the editor and on the dashboard.
    await page.goto(itemUrl);
    expect(await itemFormValues(page)).toMatchObject({
      title: edited.title,
      slug: 'tool-library-opens-on-saturday',
      body: [...written.lines, '', edited.line].join('\n'),
      status: 'ready',
    });
    await page.goto(dashboardUrl);
    const row = page.getByRole('listitem').filter({ hasText: edited.title });
    expect(await row.locator('.badge').textContent()).toBe('Ready');
  } finally {
    await lynx?.close();
    await context.close();
  }
});
