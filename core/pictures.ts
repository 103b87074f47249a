/**
 * Pictures a member uploads to a site, as every layer sees them: the limits,
 * the names of their files in the bucket, the short reference a post uses
 * (`![A ripe Sungold](picture:sungold)`) and how a file's first bytes say
 * what it is. Pure: no I/O, no imports, so the edge, the builder and the
 * views read the same rules.
 *
 * Where the bytes live, in the sites' bucket:
 * - the original, exactly as uploaded, at `originals/<site>/<upload>`:
 *   private (the distribution may read only `sites/*`), kept for the
 *   member's export and for processing again later;
 * - the processed files at `sites/<site>/_pictures/<key>-<width>.<format>`,
 *   where `key` is a content hash of the original: each width in WebP and
 *   in a fallback format (JPEG, or PNG for pictures with transparency),
 *   metadata stripped. They are written once, when the picture is uploaded,
 *   never change, and every deploy of the site shares them, so publishing
 *   copies no picture and visitors may cache them for a year.
 * Published pages reach them at `/_pictures/<file>` on the site's own
 * address (the viewer function maps that path beside the live deploy).
 */

export const MB = 1024 * 1024;

export const pictureLimits = {
  /** One picture's original: a phone photo is 3–12 MB. */
  fileBytes: 20 * MB,
  /** Pictures chosen in one upload. */
  perUpload: 10,
  /** Pictures a site may hold. */
  perSite: 100,
  /** Bytes of originals a site may hold. */
  siteBytes: 500 * MB,
  /**
   * Pixels a picture may have (width × height): a 48-megapixel phone mode
   * fits; a "decompression bomb" (a tiny file claiming 20000×20000) does not.
   */
  pixels: 50_000_000,
} as const;

/**
 * The most one upload request may send: every picture at its limit would
 * not fit, so the edge also checks the total, and says so. Cloudflare
 * accepts request bodies up to 100 MB on its Free and Pro plans.
 */
export const UPLOAD_BYTES = 60 * MB;

/** The widths each picture is made in, never wider than the original. */
export const PICTURE_WIDTHS = [480, 960, 1600] as const;

/** The folder, below a site's root, that its processed pictures are served from. */
export const PICTURES_DIR = '_pictures';

export type ImageType = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'avif';

/** The format each width is served in besides WebP: JPEG, or PNG to keep transparency. */
export type FallbackFormat = 'jpeg' | 'png';

/** A picture's content hash as its file names carry it: 16 hex digits. */
export const PICTURE_KEY_PATTERN = /^[0-9a-f]{16}$/;

/** An upload's id, as its original's name in the bucket. */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** A picture's id within its site, as a post refers to it: `picture:<id>`. */
export const PICTURE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/** `picture:<id>` in a Markdown image or the project's picture field. */
export const PICTURE_REF_PATTERN = /^picture:([a-z0-9-]{1,60})$/;

/** The reference to write in a post for picture `id`. */
export const pictureRef = (id: string) => `picture:${id}`;

/** The picture id `ref` names, or undefined when it is not a `picture:` reference. */
export function pictureIdOf(ref: string): string | undefined {
  const match = PICTURE_REF_PATTERN.exec(ref.trim());
  return match && PICTURE_ID_PATTERN.test(match[1]!) ? match[1] : undefined;
}

/** The short text that puts a picture in a post, with its description as the alt text. */
export const pictureMarkdown = (id: string, description: string) =>
  `![${description.replace(/[[\]\n\r]/g, ' ').trim()}](${pictureRef(id)})`;

/**
 * A picture id from an uploaded file's name, free among `taken`:
 * `IMG_2041.JPG` → `img-2041`, a second one `img-2041-2`; a name with no
 * letters or digits left becomes `picture`.
 */
export function pictureIdFromName(fileName: string, taken: ReadonlySet<string>): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  const base =
    stem
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'picture';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The widths a picture `width` pixels wide is made in: the standard ones below it, or its own. */
export function pictureWidths(width: number): number[] {
  const below = PICTURE_WIDTHS.filter((w) => w < width);
  return below.length === PICTURE_WIDTHS.length ? below : [...below, width];
}

/** One processed file's name: `<key>-<width>.<format>`, e.g. `3f9a1c2b4d5e6f70-960.webp`. */
export const pictureFileName = (key: string, width: number, format: 'webp' | FallbackFormat) =>
  `${key}-${width}.${format === 'jpeg' ? 'jpg' : format}`;

/**
 * A processed file's name as `pictureFileName` makes it, the only names the
 * sites' routing serves below `/_pictures/`.
 */
export const PICTURE_FILE_PATTERN = /^[0-9a-f]{16}-[1-9][0-9]{0,5}\.(?:webp|jpg|png)$/;

/** What the processed files of a picture are, as its record keeps it. */
export interface ProcessedPicture {
  key: string;
  /** Pixels, after the orientation the camera recorded is applied. */
  width: number;
  height: number;
  /** Ascending; the last is the largest made. */
  widths: number[];
  fallback: FallbackFormat;
}

/** Every processed file of a picture, by name. */
export function pictureFileNames(p: ProcessedPicture): string[] {
  return p.widths.flatMap((w) => [
    pictureFileName(p.key, w, 'webp'),
    pictureFileName(p.key, w, p.fallback),
  ]);
}

/** Where the processed file `file` of `site` is in the bucket. */
export const processedPictureKey = (site: string, file: string) =>
  `sites/${site}/${PICTURES_DIR}/${file}`;

/** Where the original of upload `upload` to `site` is in the bucket. */
export const originalPictureKey = (site: string, upload: string) => `originals/${site}/${upload}`;

/** Every original of `site`, for its deletion. */
export const originalsPrefix = (site: string) => `originals/${site}/`;

/** The height of a picture `p` shown `width` pixels wide. */
export const heightAt = (p: Pick<ProcessedPicture, 'width' | 'height'>, width: number) =>
  Math.max(1, Math.round((p.height * width) / p.width));

/** A `srcset` for `format`, each file's URL being `base` + its name. */
export const pictureSrcset = (p: ProcessedPicture, format: 'webp' | FallbackFormat, base: string) =>
  p.widths.map((w) => `${base}${pictureFileName(p.key, w, format)} ${w}w`).join(', ');

/** The content type of each format, as the bucket serves it. */
export const PICTURE_CONTENT_TYPES = {
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;

const startsWith = (bytes: Uint8Array, at: number, ascii: string) => {
  for (let i = 0; i < ascii.length; i++) {
    if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  }
  return true;
};

/** ISO-BMFF brands of HEIF pictures as phones write them (`heic`) and of AVIF. */
const HEIC_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'];

/**
 * What the first bytes of a file say it is (at least 12 are needed), or
 * undefined for anything that is not a picture nbhd takes. This is a first
 * look only: the builder decodes the whole file before anything is kept.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (startsWith(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return 'gif';
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'webp';
  if (startsWith(bytes, 4, 'ftyp')) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (HEIC_BRANDS.includes(brand)) return 'heic';
  }
  return undefined;
}

/** The words for each type, for messages. */
export const IMAGE_TYPE_NAMES: Record<ImageType, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  heic: 'HEIC',
  avif: 'AVIF',
};
