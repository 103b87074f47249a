// One linter for the whole repository: ESLint's and typescript-eslint's recommended rules,
// plus the layer rules from the design notes, so the dependency arrows cannot rot:
//   core/      <- everyone (imports only templates/ and zod)
//   views/     -> core, templates            (never edge/ or builder/)
//   edge/      -> core, views, templates     (never builder/; app paths only from core)
//   builder/   -> core, templates            (never edge/ or views/)
//   templates/ -> nothing of ours but itself
//   infra/     -> core
//   hosting/   -> core/site-address.ts and core/live-pointer.ts only (the CloudFront Function)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layerRules } from './scripts/lint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.wrangler/', '.nbhd/', 'cdk.out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...layerRules,
  {
    files: ['edge/**/*.ts', 'edge/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='c'][property.name='var']",
          message:
            "Hono's `c.var` copies every variable into a new object on each read: use `c.get('name')`.",
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.js', '*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
