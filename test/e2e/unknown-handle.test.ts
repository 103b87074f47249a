/**
 * Proves that a handle nobody has comes straight back to the sign-in form,
 * with what was typed still in the field and the problem named next to it
 * (tied to the field for screen readers), without leaving our site.
 */
import { expect, test } from 'vitest';
import { submitHandle } from './journey';
import { useStack } from './stack';

const e2e = useStack();

test('an unknown handle is kept in the form with an error beside it', async () => {
  const { browser, appUrl } = e2e;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await submitHandle(page, appUrl, 'nobody.test');

    await page.waitForURL(`${appUrl}/login`);
    const field = page.getByRole('textbox', { name: 'Your handle' });
    expect(await field.inputValue()).toBe('nobody.test');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    const error = page.getByRole('alert');
    expect(await error.textContent()).toContain('We could not find an account called @nobody.test');
    expect(await field.getAttribute('aria-describedby')).toContain(
      (await error.getAttribute('id')) ?? 'no id',
    );
    await page.getByRole('heading', { name: 'Sign in with Bluesky' }).waitFor();
  } finally {
    await context.close();
  }
});
