/**
 * Proves the front page reads well in a text browser: `lynx -dump` shows the
 * neighborhood's name and the way in. (Each dump takes about 5 s: lynx
 * speaks HTTP/1.0 and waits for workerd to close the idle connection.)
 */
import { expect, test } from 'vitest';
import { lynxDump, useStack } from './stack';

const e2e = useStack({ browser: false });

test('lynx shows the neighborhood and the sign-in form', async () => {
  const text = await lynxDump(`${e2e.appUrl}/`);
  expect(text).toContain('Oak Street');
  expect(text).toContain('Sign in with Bluesky');
});
