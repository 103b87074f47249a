/**
 * Pictures: how long the builder takes to make one phone photo into its
 * files, how many bytes each file is against the original, and what a
 * published post with three pictures weighs on a 360-px phone: its page
 * (the stylesheet is inlined) and the picture files the browser picks from `srcset`
 * (the 480-px WebP at 1× pixel density; the 960-px one on a 2× screen).
 * The photo is synthetic but photo-like (detail at every scale, not flat
 * colour or pure noise): 4000 × 3000, 12 megapixels, a JPEG at quality 90.
 * `npx tsx bench/pictures.ts` prints the figures alone; `measurePictures()`
 * gives the rows to bench/run.ts.
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { makePicture, type MadePicture } from '../builder/pictures/make';
import { render } from '../builder/render';
import { pictureFileName, pictureRef } from '../core/pictures';
import { blogOf200 } from './render';
import { kib } from './compress';
import { printTable, type Row } from './table';

const RUNS = 3;
const WIDTH = 4000;
const HEIGHT = 3000;

/** A small deterministic random source, so every run measures the same photo. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Overlapping shapes of every size over a sky-like gradient, with a little sensor noise. */
async function phonePhoto(): Promise<Buffer> {
  const next = random(7);
  const shapes = Array.from({ length: 600 }, () => {
    const r = Math.round(4 + next() ** 3 * 600);
    const colour = `rgb(${Math.round(next() * 255)},${Math.round(80 + next() * 150)},${Math.round(next() * 200)})`;
    return `<circle cx="${Math.round(next() * WIDTH)}" cy="${Math.round(next() * HEIGHT)}" r="${r}" fill="${colour}" fill-opacity="${(0.3 + next() * 0.6).toFixed(2)}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ab8e8"/><stop offset="1" stop-color="#5a7a3a"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  const noise = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 10 },
    },
  })
    .raw()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([
      { input: noise, raw: { width: WIDTH, height: HEIGHT, channels: 3 }, blend: 'soft-light' },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}

const ms = (value: number) => `${Math.round(value)} ms`;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

/** The published post with the three pictures, and what a 360-px phone fetches to show it. */
async function postWeight(made: MadePicture[]): Promise<Row[]> {
  const base = blogOf200();
  const pictures = made.map((p, i) => ({
    id: `photo-${i + 1}`,
    description: `Photo ${i + 1} of the street party`,
    key: p.key,
    width: p.width,
    height: p.height,
    widths: p.widths,
    fallback: p.fallback,
  }));
  const body = [
    'We closed the street for the afternoon.',
    ...pictures.map((p) => `![](${pictureRef(p.id)})\n\nAnd then the next thing happened.`),
  ].join('\n\n');
  const post = { ...base.items[0]!, slug: 'party', title: 'The street party', body };
  const files = await render({ ...base, items: [post, ...base.items.slice(1, 5)], pictures });
  const page = files.find((f) => f.path === 'posts/party/index.html');
  if (!page) throw new Error('the post was not rendered');
  // The stylesheet is inlined in the page, so the page is all the text there is.
  const pageBytes = gzipSync(page.body).byteLength;
  const chosen = (width: number) =>
    made.reduce((sum, p) => {
      const w = p.widths.find((x) => x >= width) ?? p.widths.at(-1)!;
      return (
        sum + p.files.find((f) => f.name === pictureFileName(p.key, w, 'webp'))!.body.byteLength
      );
    }, 0);
  // 360 px wide, the content column is 100vw - 2.5rem = 320 CSS px.
  const oneX = chosen(320);
  const twoX = chosen(640);
  return [
    {
      name: 'post with 3 pictures, 360 px, 1x',
      value: kib(pageBytes + oneX),
      detail: `page ${kib(pageBytes)} gzip, its CSS inlined, + pictures ${kib(oneX)} (3 × 480-px WebP)`,
    },
    {
      name: 'post with 3 pictures, 360 px, 2x',
      value: kib(pageBytes + twoX),
      detail: `pictures ${kib(twoX)} (3 × 960-px WebP); first picture eager, the rest lazy`,
    },
  ];
}

export async function measurePictures(): Promise<Row[]> {
  const photo = await phonePhoto();
  const times: number[] = [];
  let made: MadePicture | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    made = await makePicture('IMG_0001.JPG', photo);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const rows: Row[] = [
    {
      name: 'process a 12-MP phone photo',
      value: ms(times[Math.floor(RUNS / 2)]!),
      detail: `median of ${RUNS} (min ${ms(times[0]!)}, max ${ms(times.at(-1)!)}), ${made!.files.length} files, original ${kib(photo.byteLength)}`,
    },
  ];
  for (const file of made!.files) {
    rows.push({
      name: `  ${file.name.replace(/^[0-9a-f]+-/, '')}`,
      value: kib(file.body.byteLength),
      detail: `${percent(file.body.byteLength, photo.byteLength)} of the original`,
    });
  }
  // Three different photos, as a post would have.
  const others = [];
  for (const seed of [1, 2]) {
    const rotated = await sharp(photo)
      .rotate(seed * 90)
      .jpeg({ quality: 90 })
      .toBuffer();
    others.push(await makePicture(`IMG_000${seed + 1}.JPG`, rotated));
  }
  rows.push(...(await postWeight([made!, ...others])));
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measurePictures()
    .then((rows) => printTable('Pictures', rows))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
