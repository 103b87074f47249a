// The layer arrows of the design notes as one ESLint rule, so they cannot rot. Each
// relative import is resolved to the top-level folder it lands in, and that folder
// must be one its importer may use. Packages are free, except that core/ stays pure.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Which of our folders each folder may import (besides itself). */
const mayImport = {
  core: ['templates'],
  views: ['core', 'templates'],
  edge: ['core', 'views', 'templates'],
  builder: ['core', 'templates'],
  templates: [],
  infra: ['core'],
  hosting: ['core'],
};

/**
 * Folders that may use only some files of a folder they import: the site
 * host's routing is bundled into the CloudFront Function, so it takes from
 * core/ only the import-free rules that fit there.
 */
const onlyFiles = {
  hosting: {
    core: [
      'core/site-address.ts',
      'core/live-pointer.ts',
      'core/site-headers.ts',
      'core/pictures.ts',
    ],
  },
};

/** Packages core/ may not use: it is pure rules, with no I/O, no Hono and no AWS. */
const impure = /^(hono|@hono\/|@aws-sdk\/|aws4fetch|node:)/;

/** Names that are app paths: routes take them from core/paths.ts, never from views. */
const pathName = /(Path|_PATH)$/;

/**
 * The CloudFront Function is built from these files (and the site host sends the headers one
 * of them holds), so they may import nothing.
 */
const importFree = new Set([
  'core/site-address.ts',
  'core/live-pointer.ts',
  'core/site-headers.ts',
  'core/pictures.ts',
]);

const topFolder = (path) => path.split(sep)[0];

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports pointing the way the layers allow.' },
    schema: [],
  },
  create(context) {
    const file = relative(root, context.filename);
    const from = topFolder(file);
    if (!(from in mayImport)) return {};

    function check(node, source, names = []) {
      if (typeof source !== 'string') return;
      if (importFree.has(file.split(sep).join('/'))) {
        return context.report({ node, message: `${file} must stay import-free.` });
      }
      if (!source.startsWith('.')) {
        if (from === 'core' && impure.test(source)) {
          context.report({ node, message: `core/ is pure: it may not import ${source}.` });
        }
        return;
      }
      const target = relative(root, resolve(dirname(context.filename), source));
      const to = topFolder(target);
      if (to !== from && to in mayImport && !mayImport[from].includes(to)) {
        return context.report({ node, message: `${from}/ may not import ${to}/ (${source}).` });
      }
      const files = onlyFiles[from]?.[to];
      const targetFile = target
        .split(sep)
        .join('/')
        .replace(/(\.ts)?$/, '.ts');
      if (files && !files.includes(targetFile)) {
        return context.report({
          node,
          message: `${from}/ may import from ${to}/ only ${files.join(' and ')} (${source}).`,
        });
      }
      const path = from === 'edge' && to === 'views' && names.find((n) => pathName.test(n));
      if (path) {
        context.report({
          node,
          message: `Routes take app paths from core/paths.ts, not from views (${path}).`,
        });
      }
    }

    const named = (node) =>
      (node.specifiers ?? []).map((s) => s.imported?.name ?? s.local?.name ?? '');
    return {
      ImportDeclaration: (node) => check(node, node.source.value, named(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
    };
  },
};

export const layerRules = [
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    plugins: { nbhd: { rules: { layers } } },
    rules: { 'nbhd/layers': 'error' },
  },
];
