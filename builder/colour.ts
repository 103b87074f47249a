/**
 * The accent colour a neighbor picks, adjusted so text in it stays readable:
 * WCAG 2 contrast of at least 4.5:1 against the page's background in light
 * mode (darkened if needed) and in dark mode (lightened). Plain arithmetic,
 * so the same colour always gives the same CSS.
 */

type Rgb = [number, number, number];

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

const format = (rgb: Rgb) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(parse(a)), luminance(parse(b))].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `colour` moved towards black or white in small steps until it reaches
 * `ratio` against `background`; unchanged when it already does.
 */
export function readableOn(colour: string, background: string, ratio = 4.5): string {
  const towards: Rgb = luminance(parse(background)) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const start = parse(colour);
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const mixed = format(start.map((c, i) => c + (towards[i]! - c) * t) as Rgb);
    if (contrast(mixed, background) >= ratio) return mixed;
  }
  return format(towards);
}
