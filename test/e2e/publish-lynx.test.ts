/**
 * Proves publishing works in a text browser and a published site reads
 * well in one. alice signs in with Chromium (the PDS's pages need
 * JavaScript) and lynx gets her session cookie; lynx presses Publish on the
 * demo newsletter's dashboard with its keys, then reads the deploy page as
 * plain text (every stage done, "Went live", the live link) once the build
 * is done; lynx has no script, and `-dump` does not follow the page's
 * refresh, so the test asks again until the build is done, as a reader
 * would press reload. Then lynx reads the published site: its front page,
 * listing the issues as links, and an issue, with its text.
 *
 * Nothing resolves `<name>.localhost` for lynx (browsers treat the name
 * as loopback themselves; the system resolver does not), so lynx is told to
 * use the site host as its HTTP proxy: it then sends the whole address on
 * the request line, and the host serves the site that address names, as
 * CloudFront serves the site a browser's `Host` names.
 */
import { expect, test } from 'vitest';
import { demoAccounts, demoSite } from '../../scripts/local/demo';
import { signInAs } from './journey';
import { liveAddress } from './publishing';
import { lynxNumbers } from './sites';
import { lynxDump, lynxSession, readLynxDump, useStack, type LynxSession } from './stack';

const e2e = useStack();
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;
const issue = {
  title: 'The crossing is coming',
  /** The newsletter names an issue by its number, too. */
  link: 'No. 4: The crossing is coming',
  path: '/issues/the-crossing/',
  text: 'The council has confirmed the zebra crossing outside the primary school will be built in October.',
};

/**
 * Markup a reader would see as text: a tag or a template's braces (lynx
 * shows none when the page is well formed; it writes "←" as "<-" itself).
 */
const MARKUP = /<\/?[a-z][^>]*>|[{}]/i;

test('lynx publishes the newsletter, follows the deploy page and reads the live site', async () => {
  const { appUrl } = e2e;
  const dashboardUrl = `${appUrl}/sites/${demoSite.name}`;
  const live = liveAddress(e2e, demoSite.name);
  const context = await e2e.browser.newContext();
  let lynx: LynxSession | undefined;
  try {
    await signInAs(context, e2e, alice);
    lynx = await lynxSession(await context.cookies(appUrl));

    // Publish, pressed with lynx's keys: Down Arrow to the button, then Enter.
    const dashboard = await lynx.dump(dashboardUrl, { numbered: true });
    const publish = lynxNumbers.button(dashboard, 'Publish');
    await lynx.drive(dashboardUrl, [...Array<string>(publish - 1).fill('Down Arrow'), '^J']);

    // The dashboard now links to that deploy as its latest.
    const after = readLynxDump(await lynx.dump(dashboardUrl));
    expect(after.text).toMatch(/Latest: \[\d+\]Publish of /);
    const deployUrl = after.links.find((link) =>
      new RegExp(`/sites/${demoSite.name}/deploys/[A-Za-z0-9_-]+$`).test(link),
    );
    expect(deployUrl).toBeDefined();
    await expect
      .poll(() => lynx!.dump(deployUrl!), { timeout: 30_000, interval: 500 })
      .toContain('Your site is live at');

    // The finished deploy page, in plain text: what it was, each stage done, where it lives.
    const deploy = readLynxDump(await lynx.dump(deployUrl!));
    expect(deploy.text).toContain(`Publish of ${demoSite.name}`);
    expect(deploy.text).toContain('Started ');
    expect(deploy.text).toContain('by alice.test');
    expect(deploy.text).toContain('Went live');
    for (const stage of [
      'Waiting for the site builder',
      'Making the pages',
      'Uploading the files',
      'Going live',
    ]) {
      expect(deploy.text).toMatch(new RegExp(`\\d+\\. ${stage}: done in \\d+\\.\\d s`));
    }
    expect(deploy.text).toMatch(/\d+ files, \d+ KB/);
    expect(deploy.text).toContain('What happened');
    expect(deploy.text).toMatch(/Rendered \d+ pages in/);
    expect(deploy.text).toMatch(new RegExp(`Your site is live at \\[\\d+\\]${live}`));
    expect(deploy.links).toContain(`${live}/`);
    expect(deploy.text).not.toContain('updates by itself');
    expect(deploy.text).not.toMatch(MARKUP);

    // The live site's front page: the newsletter's name and its issues as links.
    const home = readLynxDump(await lynxDump(`${live}/`, { proxy: e2e.stack.sitesUrl }));
    expect(home.text).toContain('The Oak Street Bulletin');
    expect(home.text).toContain('Latest issues');
    const issueLink = lynxNumbers.link(home.text, issue.link);
    expect(home.links[issueLink - 1]).toBe(`${live}${issue.path}`);
    expect(home.text).not.toMatch(MARKUP);

    // An issue: its title and text, and the way home.
    const page = readLynxDump(
      await lynxDump(`${live}${issue.path}`, { proxy: e2e.stack.sitesUrl }),
    );
    expect(page.text).toContain(issue.title);
    expect(page.text).toContain(issue.text);
    expect(page.links).toContain(`${live}/`);
    expect(page.text).not.toMatch(MARKUP);
  } finally {
    await lynx?.close();
    await context.close();
  }
}, 120_000);
