/**
 * Bodies are limited before anything reads them: an oversized POST is
 * refused with 413 before the CSRF check parses it (without the limit the
 * answer would be the CSRF check's 403), whether it declares its length or
 * streams without one. The item editor's larger limit still fits its longest
 * legitimate text in any script; past it, a plain form gets a page naming
 * the limit, and htmx gets a notice added above the form as typed.
 */
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { FORM_BYTES, ITEM_FORM_BYTES } from '../../core/forms/body-limits';
import { getItem } from '../../edge/db/items';
import { HTMX, newItemForm, siteOwner } from './item-support';
import { db, ORIGIN, postForm, signedOutBrowser } from './support';

describe('POST with a body over the limit', () => {
  it('refuses an oversized sign-in form with 413 before the CSRF check reads it', async () => {
    const browser = await signedOutBrowser();
    const res = await postForm(
      '/login',
      { _csrf: browser.csrf, handle: 'x'.repeat(FORM_BYTES + 1) },
      { cookie: browser.cookie },
    );
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain('That was too much to send at once');
    expect(html).toContain('up to 64 KB');
    expect(html).not.toContain('xxxxxxxxxx');
  });

  it('refuses a streamed body without a declared length once it passes the limit', async () => {
    const chunk = new TextEncoder().encode(`handle=${'y'.repeat(16 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 4 * FORM_BYTES) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await SELF.fetch(`${ORIGIN}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    expect(res.status).toBe(413);
    await res.body?.cancel();
  });

  it('lets a form just under the limit through to the CSRF check', async () => {
    const res = await postForm('/login', { handle: 'x'.repeat(FORM_BYTES - 100) });
    expect(res.status).toBe(403);
    await res.body?.cancel();
  });
});

describe('the item editor’s limit', () => {
  it('fits the longest text an item may have, even in a script of three-byte characters', async () => {
    const owner = await siteOwner();
    const text = '漢'.repeat(100_000);
    const form = newItemForm(owner, { body: text });
    expect(new URLSearchParams(form).toString().length).toBeGreaterThan(FORM_BYTES * 10);
    const res = await postForm(`/sites/${owner.site.name}/items`, form, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    const id = /\/items\/([0-9a-f-]{36})\?saved$/.exec(res.headers.get('location') ?? '')![1]!;
    expect((await getItem(db, owner.site.name, id))!.body).toBe(text);
  });

  it('refuses more with a page that names the longest text allowed', async () => {
    const owner = await siteOwner();
    const form = newItemForm(owner, { body: 'z'.repeat(ITEM_FORM_BYTES) });
    const res = await postForm(`/sites/${owner.site.name}/items`, form, { cookie: owner.cookie });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain('up to 1 MB');
    expect(html).toContain('100,000 characters');
    expect(html).toContain('Nothing was saved');
  });

  it('answers htmx with a notice added above the form, leaving the form as typed', async () => {
    const owner = await siteOwner();
    const form = newItemForm(owner, { body: 'z'.repeat(ITEM_FORM_BYTES) });
    const res = await postForm(`/sites/${owner.site.name}/items`, form, {
      cookie: owner.cookie,
      ...HTMX,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('hx-reswap')).toBe('afterbegin');
    const html = await res.text();
    expect(html).toMatch(/^<p class="error-summary" role="alert">Not saved: /);
    expect(html).not.toContain('<form');
  });
});
