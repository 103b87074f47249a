/**
 * Makes the template gallery's pictures: each template's sample front page,
 * rendered by the builder exactly as the gallery's sample link shows it,
 * photographed by Chromium and saved small (a JPEG of about 5 KB) under
 * `views/assets/templates/`. The gallery shows these instead of framing
 * the live samples, which would cost an old phone three whole pages. Run it
 * again when a template's look changes: `npx tsx scripts/template-pictures.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { sampleInput } from '../builder/load';
import { render } from '../builder/render';
import { templates } from '../templates';

/** The picture's size in CSS pixels; the page is laid out at twice that and scaled down. */
export const PICTURE = { width: 320, height: 200 };
const LAYOUT_SCALE = 2;

const out = fileURLToPath(new URL('../views/assets/templates/', import.meta.url));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const page = await browser.newPage({
    viewport: { width: PICTURE.width * LAYOUT_SCALE, height: PICTURE.height * LAYOUT_SCALE },
    deviceScaleFactor: 1 / LAYOUT_SCALE,
    colorScheme: 'light',
    javaScriptEnabled: false,
  });
  for (const template of templates) {
    const files = await render(
      sampleInput(template.id, { name: 'Oak Street', url: 'https://oak.example' }),
    );
    const home = files.find((f) => f.path === 'index.html')!;
    // The sample inlines its CSS and loads nothing else, so its HTML alone is the whole page.
    await page.setContent(new TextDecoder().decode(home.body), { waitUntil: 'load' });
    const picture = await page.screenshot({ type: 'jpeg', quality: 70 });
    writeFileSync(join(out, `${template.id}.jpg`), picture);
    console.log(`${template.id}.jpg: ${picture.length} bytes`);
  }
} finally {
  await browser.close();
}
