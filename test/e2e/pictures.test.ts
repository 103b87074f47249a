/**
 * Pictures in the browser, with JavaScript on and off: alice makes a blog,
 * opens its Pictures page and uploads two photos from her "phone" at once
 * (a JPEG that carries its camera and place, and a PNG); she describes
 * both, copies the short text of one into a new post, sees it in the
 * preview, publishes, and on a 360-px phone the live post loads the
 * 480-px WebP, with nothing of the original's metadata left in it.
 */
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { atBothWidths, liveAddress, publishAndFollow } from './publishing';
import { aliceIn, fillItemForm, makeSite, screenshot, type Mode } from './sites';
import { useStack } from './stack';

const e2e = useStack();

/** A phone-like photo: noise (so it does not compress to nothing), its camera in EXIF, taken on its side. */
async function photo(): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Pocket 12' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const drawing = () =>
  sharp({
    create: {
      width: 800,
      height: 600,
      channels: 4,
      background: { r: 20, g: 120, b: 60, alpha: 0.5 },
    },
  })
    .png()
    .toBuffer();

/** Whether the first picture in the page's main content has loaded, and the file it chose. */
async function shownPicture(page: Page): Promise<{ loaded: boolean; src: string; alt: string }> {
  const img = page.locator('main picture img').first();
  await img.scrollIntoViewIfNeeded();
  await expect
    .poll(() => img.evaluate((el) => (el as unknown as { complete: boolean }).complete))
    .toBe(true);
  return img.evaluate((el) => {
    const i = el as unknown as { naturalWidth: number; currentSrc: string; alt: string };
    return { loaded: i.naturalWidth > 0, src: i.currentSrc, alt: i.alt };
  });
}

describe('pictures from upload to the live site', () => {
  for (const mode of ['javascript', 'no-javascript'] as Mode[]) {
    test(`alice uploads two photos, describes them and publishes one in a post (${mode})`, async () => {
      const { page, close } = await aliceIn(e2e, mode);
      try {
        const site = await makeSite(page, e2e.appUrl, 'Blog');
        await page.getByRole('link', { name: 'Pictures', exact: true }).click();
        await page.waitForURL(`${e2e.appUrl}/sites/${site}/pictures`);
        await page.getByLabel('Choose pictures').setInputFiles([
          { name: 'IMG_0001.JPG', mimeType: 'image/jpeg', buffer: await photo() },
          { name: 'Garden plan.png', mimeType: 'image/png', buffer: await drawing() },
        ]);
        await page.getByRole('button', { name: 'Upload', exact: true }).click();
        await page.waitForURL(`${e2e.appUrl}/sites/${site}/pictures`);
        await page.getByText('Added img-0001, garden-plan.').waitFor();
        await atBothWidths(page, `pictures-uploaded-${mode}`);

        for (const [id, words] of [
          ['img-0001', 'Ripe tomatoes on the vine'],
          ['garden-plan', 'A plan of the garden beds'],
        ] as const) {
          const card = page.locator(`#picture-${id}`);
          await card.getByLabel('Description').fill(words);
          await card.getByRole('button', { name: 'Save description' }).click();
          await page.getByText(`Saved the description of ${id}.`).waitFor();
        }
        const text = await page
          .locator('#picture-img-0001')
          .getByLabel('To put it in a post, copy')
          .inputValue();
        expect(text).toBe('![Ripe tomatoes on the vine](picture:img-0001)');

        await page.goto(`${e2e.appUrl}/sites/${site}`);
        await page.getByRole('link', { name: 'New post' }).click();
        await fillItemForm(page, {
          title: 'Tomatoes this year',
          body: `The first ones came in July.\n\n${text}\n\nMore next week.`,
          status: 'ready',
        });
        await page.getByText('Pictures of this site (2)').click();
        await atBothWidths(page, `pictures-editor-${mode}`);
        // A new post's first save takes its editor to the post's own address, either way.
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.waitForURL(new RegExp(`/sites/${site}/items/[0-9a-f-]{36}`));

        await page.goto(`${e2e.appUrl}/sites/${site}/preview/posts/tomatoes-this-year/`);
        const previewed = await shownPicture(page);
        expect(previewed).toMatchObject({ loaded: true, alt: 'Ripe tomatoes on the vine' });
        expect(previewed.src).toMatch(/\/preview\/_pictures\/[0-9a-f]{16}-\d+\.webp$/);

        await publishAndFollow(page, { appUrl: e2e.appUrl, site, shots: `pictures-${mode}` });
        await page.setViewportSize({ width: 360, height: 740 });
        const live = `${liveAddress(e2e, site)}/posts/tomatoes-this-year/`;
        expect((await page.goto(live))?.status()).toBe(200);
        const shown = await shownPicture(page);
        expect(shown).toMatchObject({ loaded: true, alt: 'Ripe tomatoes on the vine' });
        expect(shown.src).toMatch(
          new RegExp(`^${liveAddress(e2e, site)}/_pictures/[0-9a-f]{16}-480\\.webp$`),
        );
        await screenshot(page, `pictures-live-${mode}`);
        // Opened in the browser, which resolves `<name>.localhost` (Node does not).
        const file = await page.goto(shown.src);
        expect(file?.status()).toBe(200);
        expect(file?.headers()['content-type']).toBe('image/webp');
        const bytes = await file!.body();
        const meta = await sharp(bytes).metadata();
        expect(meta.width).toBe(480);
        expect([meta.exif, meta.xmp, meta.icc, meta.orientation]).toEqual([
          undefined,
          undefined,
          undefined,
          undefined,
        ]);
      } finally {
        await close();
      }
    });
  }
});
