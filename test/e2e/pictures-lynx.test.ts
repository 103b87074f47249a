/**
 * A picture uploaded from lynx: its file field takes the path of a file
 * typed in, and the multipart form it sends is the same one a browser
 * sends. alice signs in with Chromium (the PDS's pages need JavaScript),
 * lynx gets her session cookie, uploads a photo to a new site's Pictures
 * page with its keys, and the page then lists it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { demoAccounts } from '../../scripts/local/demo';
import { signInAs } from './journey';
import { lynxNumbers, makeSite } from './sites';
import { lynxSession, lynxTyping, readLynxDump, useStack, type LynxSession } from './stack';

const e2e = useStack();
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;

test('lynx uploads a photo to a site’s Pictures page', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nbhd-e2e-picture-'));
  const file = join(folder, 'porch.jpg');
  writeFileSync(
    file,
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c84' } })
      .jpeg()
      .toBuffer(),
  );
  const context = await e2e.browser.newContext();
  let lynx: LynxSession | undefined;
  try {
    const page = await signInAs(context, e2e, alice);
    const site = await makeSite(page, e2e.appUrl, 'Project showcase');
    const picturesUrl = `${e2e.appUrl}/sites/${site}/pictures`;
    lynx = await lynxSession(await context.cookies(e2e.appUrl));

    const before = await lynx.dump(picturesUrl, { numbered: true });
    expect(before).toContain('No pictures yet.');
    const field = lynxNumbers.field(before, 'Choose pictures');
    const upload = lynxNumbers.button(before, 'Upload');
    await lynx.drive(picturesUrl, [
      ...Array<string>(field - 1).fill('Down Arrow'),
      ...lynxTyping(file),
      ...Array<string>(upload - field).fill('Down Arrow'),
      '^J',
    ]);

    const after = readLynxDump(await lynx.dump(picturesUrl));
    expect(after.text).not.toContain('No pictures yet.');
    expect(after.text).toContain('porch (porch.jpg)');
    expect(after.text).toContain('![](picture:porch)');
  } finally {
    await lynx?.close();
    await context.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
