/**
 * A site's export: its live files and its source, as one ZIP to download,
 * so a neighbor can leave with everything.
 *
 * The ZIP holds `site/…` (the live deploy's files, byte for byte as
 * served; absent when the site is not published), `source/…` (each entry
 * and page as Markdown with front matter, drafts included, and the
 * settings as JSON), `pictures/…` (each picture's original and processed files, with
 * `source/pictures.json` holding their descriptions: `pictures.ts`) and `README.txt`. It is stored under `exports/` in the
 * sites' bucket and the answer is a signed address valid for ten minutes.
 *
 * Memory: files are compressed one at a time as they arrive and then let
 * go, so what is held is the compressed ZIP (twice, briefly, when it is
 * joined for the upload) and a few files. A site at its bounds
 * (`core/site-limits.ts`: 1,000 items, 5 MB of text) with its rendered
 * pages compresses to a few tens of MB, far inside the builder's memory.
 *
 * Times: each entry carries when its content last changed (an item's
 * `updatedAt`, a live file's upload, the settings' last save; the README
 * the newest of these), not the time of the export, so exporting an
 * unchanged site twice gives the same bytes.
 */
import type { BuilderAnswer } from '../../core/builder-protocol';
import { siteUrl } from '../../core/site-address';
import type { PublishingServices } from '../publish';
import { downloadUrl, storeExport } from './download';
import { eachLiveFile } from './live-files';
import { addPictures } from './pictures';
import { readmeText } from './readme';
import { loadSiteSource, sourceFiles } from './source';
import { ZipWriter } from './zip-writer';

/** The ZIP of `name`'s live files and source, with nothing stored. Undefined for no site. */
export async function packSite(
  s: PublishingServices,
  name: string,
): Promise<Uint8Array | undefined> {
  const source = await loadSiteSource(s.dynamo, s.config.table, name);
  if (!source) return undefined;
  const zip = new ZipWriter();
  let newest = source.site.updatedAt;
  const later = (time: string) => {
    if (time > newest) newest = time;
  };

  let liveFiles: number | undefined;
  const live = source.site.liveDeploy;
  if (live) {
    liveFiles = await eachLiveFile(s.publishing.bucket, name, live, (file) => {
      zip.add(`site/${file.path}`, file.body, file.time);
      later(file.time.toISOString());
    });
  }
  await addPictures(s.publishing.bucket, name, source.pictures, zip);
  for (const p of source.pictures) later(p.updatedAt);
  for (const file of sourceFiles(source)) {
    zip.add(file.path, file.body, file.time);
    later(file.time);
  }
  const url = siteUrl(s.config.sitesUrl, name);
  zip.add('README.txt', readmeText({ source, url, liveFiles }), newest);
  return zip.finish();
}

export async function exportSite(
  s: PublishingServices,
  site: string,
): Promise<BuilderAnswer<'export'>> {
  const zip = await packSite(s, site);
  if (!zip) return { kind: 'no-site' };
  const key = await storeExport(s.publishing.bucket, site, zip);
  return {
    kind: 'export',
    url: await downloadUrl(s.publishing.bucket, key),
    bytes: zip.byteLength,
  };
}
