/**
 * Runs Eleventy 3 on one template, in memory: the site's data goes in as
 * global data through the configuration callback, and `toJSON()` hands the
 * rendered pages back without writing a file. Every render gets its own
 * Eleventy instance and configuration, so renders running at once cannot
 * see each other's data. Paths are absolute and nothing depends on the
 * working directory (there are no directory data files, which Eleventy
 * ignores for absolute input paths).
 */
import Eleventy from '@11ty/eleventy';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TemplateId } from '../templates/template';
import { siteFilters } from './filters';
import type { SiteModel } from './site-model';
import { includesDir, sharedPagesDir, siteDir } from './template-files';

/**
 * Eleventy wants an output folder even when it writes nothing; paths in its
 * answer are relative to this one. It is never created.
 */
const outputDir = join(tmpdir(), 'nbhd-render-output');

interface SharedPage {
  name: string;
  content: string;
}

let sharedPages: SharedPage[] | undefined;

/** The pages every template has, read from disk once per process. */
function readSharedPages(): SharedPage[] {
  sharedPages ??= readdirSync(sharedPagesDir)
    .filter((name) => name.endsWith('.njk'))
    .sort()
    .map((name) => ({ name, content: readFileSync(join(sharedPagesDir, name), 'utf8') }));
  return sharedPages;
}

/** Each page Eleventy rendered: its path from the site's root and its text. */
export interface RenderedPage {
  path: string;
  content: string;
}

/** Renders template `id` with `model` as its data. */
export async function runEleventy(id: TemplateId, model: SiteModel): Promise<RenderedPage[]> {
  const input = siteDir(id);
  const eleventy = new Eleventy(input, outputDir, {
    quietMode: true,
    // No configuration file: everything is set here, whatever the working directory holds.
    configPath: false,
    config(config) {
      // Eleventy warns about slow filters on the console even when quiet; the
      // benchmarks under bench/ measure rendering instead.
      config.benchmarks.config.setMinimumThresholdMs(0);
      config.setTemplateFormats(['njk']);
      config.setIncludesDirectory(relative(input, includesDir));
      config.setUseGitIgnore(false);
      config.setNunjucksEnvironmentOptions({
        autoescape: true,
        throwOnUndefined: false,
        trimBlocks: true,
        lstripBlocks: true,
      });
      const { pictures, ...data } = model;
      for (const [key, value] of Object.entries(data)) config.addGlobalData(key, value);
      for (const [name, filter] of Object.entries(siteFilters(model.site.url, pictures))) {
        config.addFilter(name, filter);
      }
      for (const page of readSharedPages()) {
        // A template may replace a shared page with its own file of the same name.
        if (!existsSync(join(input, page.name))) config.addTemplate(page.name, page.content);
      }
    },
  });
  const results = await eleventy.toJSON();
  return results.flatMap((r) =>
    r.outputPath
      ? [{ path: relative(outputDir, r.outputPath).split('\\').join('/'), content: r.content }]
      : [],
  );
}
