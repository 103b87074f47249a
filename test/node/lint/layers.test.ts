/**
 * The layer rule fires: each arrow the design forbids is an ESLint error,
 * checked by linting small files placed (in memory) where a violation would
 * live, with the repository's own configuration.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../../..', import.meta.url)) });

/** The layer messages ESLint gives `code` as if it were the file at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'nbhd/layers').map((m) => m.message);
}

describe('the layer rule', () => {
  it('refuses a view that imports the data layer', async () => {
    const errors = await layerErrors(
      'views/pages/example.tsx',
      "import { getMember } from '../../edge/db/members';\nexport const m = getMember;\n",
    );
    expect(errors).toEqual(['views/ may not import edge/ (../../edge/db/members).']);
  });

  it('refuses a route that takes an app path from a view, but not a component', async () => {
    const errors = await layerErrors(
      'edge/routes/example.tsx',
      "import { NameField, NAME_CHECK_PATH } from '../../views/pages/sites/new';\nexport const x = [NameField, NAME_CHECK_PATH];\n",
    );
    expect(errors).toEqual([
      'Routes take app paths from core/paths.ts, not from views (NAME_CHECK_PATH).',
    ]);
    const component = await layerErrors(
      'edge/routes/example.tsx',
      "import { NameField } from '../../views/pages/sites/new';\nexport const x = NameField;\n",
    );
    expect(component).toEqual([]);
  });

  it('refuses the builder importing edge internals', async () => {
    const errors = await layerErrors(
      'builder/example.ts',
      "export { siteUrl } from '../edge/env';\n",
    );
    expect(errors).toEqual(['builder/ may not import edge/ (../edge/env).']);
  });

  it('keeps core pure and its site-address rules import-free', async () => {
    expect(
      await layerErrors(
        'core/example.ts',
        "import { Hono } from 'hono';\nexport const h = Hono;\n",
      ),
    ).toEqual(['core/ is pure: it may not import hono.']);
    expect(
      await layerErrors(
        'core/site-address.ts',
        "import { z } from 'zod';\nexport const s = z.string();\n",
      ),
    ).toEqual(['core/site-address.ts must stay import-free.']);
  });

  it('keeps the site host to the import-free address, live-pointer, header and picture rules', async () => {
    expect(
      await layerErrors(
        'hosting/example.ts',
        "import { SITE_LIMITS } from '../core/site-limits';\nexport const l = SITE_LIMITS;\n",
      ),
    ).toEqual([
      'hosting/ may import from core/ only core/site-address.ts and core/live-pointer.ts and core/site-headers.ts and core/pictures.ts (../core/site-limits).',
    ]);
    expect(
      await layerErrors(
        'hosting/example.ts',
        "import { render } from '../builder/render';\nexport const r = render;\n",
      ),
    ).toEqual(['hosting/ may not import builder/ (../builder/render).']);
    expect(
      await layerErrors(
        'core/live-pointer.ts',
        "import { isSiteName } from './site-address';\nexport const s = isSiteName;\n",
      ),
    ).toEqual(['core/live-pointer.ts must stay import-free.']);
    expect(
      await layerErrors('core/site-headers.ts', "import { z } from 'zod';\nexport const s = z;\n"),
    ).toEqual(['core/site-headers.ts must stay import-free.']);
    expect(
      await layerErrors('core/pictures.ts', "import { z } from 'zod';\nexport const s = z;\n"),
    ).toEqual(['core/pictures.ts must stay import-free.']);
  });

  it('lets each layer import what it may', async () => {
    const allowed: [string, string][] = [
      ['views/pages/example.tsx', "import { sitePath } from '../../core/paths';"],
      ['edge/routes/example.tsx', "import { sitePath } from '../../core/paths';"],
      ['builder/example.ts', "import { templates } from '../templates';"],
      ['edge/routes/example.tsx', "import { app } from '../app';"],
      ['hosting/example.ts', "import { siteNameFromHost } from '../core/site-address';"],
      ['hosting/example.ts', "import { parseLivePointer } from '../core/live-pointer';"],
      ['hosting/example.ts', "import { loadSiteFunction } from './sandbox';"],
      ['hosting/example.ts', "import { SITE_HEADERS } from '../core/site-headers';"],
      ['hosting/example.ts', "import { PICTURE_FILE_PATTERN } from '../core/pictures';"],
      ['infra/example.ts', "import { SITE_CSP } from '../core/site-headers';"],
    ];
    for (const [file, line] of allowed) {
      expect(await layerErrors(file, `${line}\nexport const used = 1;\n`), file).toEqual([]);
    }
  });
});
