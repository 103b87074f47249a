/**
 * The CSS every page inlines: the shared stylesheet, made compact once per
 * process, preceded by the site's own variables (accent colour for each
 * colour scheme, font stack). The accent is adjusted against the palette's
 * surface colours, the darker of the light ones and the lighter of the dark
 * ones, so text in it is readable wherever it appears.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readableOn } from './colour';
import { sharedDir } from './template-files';

/** The palette surfaces accent text must stay readable on (see style.css). */
export const palette = {
  light: { bg: '#fbfaf7', surface: '#f1eee6', text: '#1d2125', muted: '#575e69' },
  dark: { bg: '#15171b', surface: '#1f2228', text: '#e9e7e3', muted: '#a9afb8' },
} as const;

/** System font stacks: fonts already on the reader's device, nothing to download. */
export const fontStacks: Record<string, string> = {
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, "Noto Serif", Georgia, serif',
  mono: 'ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
};

/** Comments and layout whitespace removed; CSS needs neither. */
function compact(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

let stylesheet: string | undefined;

/** The shared stylesheet, compact; read from disk once. */
function sharedStylesheet(): string {
  stylesheet ??= compact(readFileSync(join(sharedDir, 'style.css'), 'utf8'));
  return stylesheet;
}

export interface Theme {
  /** For `--accent` in light mode. */
  accent: string;
  /** For `--accent` in dark mode. */
  accentDark: string;
  /** The whole `<style>` content. */
  css: string;
}

/** The CSS for a site with this accent colour (`#rrggbb`) and font choice. */
export function siteTheme(accent: string, font: string): Theme {
  const light = readableOn(accent, palette.light.surface);
  const dark = readableOn(accent, palette.dark.surface);
  const stack = fontStacks[font] ?? fontStacks.sans!;
  const vars =
    `:root{--accent:${light};--font:${stack}}` +
    `@media(prefers-color-scheme:dark){:root{--accent:${dark}}}`;
  return { accent: light, accentDark: dark, css: vars + sharedStylesheet() };
}
