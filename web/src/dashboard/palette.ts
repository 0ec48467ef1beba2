// The colours of answers in the charts, without the DOM (so that Node tests can check them).

export function luminance(hex: string): number {
  const v = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((v >> 16) & 255) + 0.7152 * channel((v >> 8) & 255) + 0.0722 * channel(v & 255);
}

/**
 * Ordered answers: ColorBrewer's diverging red-blue for that many steps (low red, high blue, told
 * apart by colour-blind readers too; light blues alone ran together on a 1-10 scale), its white
 * middle made a light grey that shows on the page. Nominal
 * answers: a colour-blind-safe palette. Don't know: grey.
 */
const DIVERGING: Readonly<Record<number, readonly string[]>> = {
  2: ['#ef8a62', '#67a9cf'],
  3: ['#ef8a62', '#dde1e5', '#67a9cf'],
  4: ['#ca0020', '#f4a582', '#92c5de', '#0571b0'],
  5: ['#ca0020', '#f4a582', '#dde1e5', '#92c5de', '#0571b0'],
  6: ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'],
  7: ['#b2182b', '#ef8a62', '#fddbc7', '#dde1e5', '#d1e5f0', '#67a9cf', '#2166ac'],
  8: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
  9: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#dde1e5', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
  10: ['#67001f', '#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#053061'],
  11: [
    '#67001f',
    '#b2182b',
    '#d6604d',
    '#f4a582',
    '#fddbc7',
    '#dde1e5',
    '#d1e5f0',
    '#92c5de',
    '#4393c3',
    '#2166ac',
    '#053061',
  ],
};
/** Longer scales: interpolated along the 11 steps. */
const SEQUENTIAL = DIVERGING[11]!;
const CATEGORICAL = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'];
export const DONT_KNOW_COLOR = '#8c959f';

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const c = [16, 8, 0].map((shift) => Math.round(((pa >> shift) & 255) * (1 - t) + ((pb >> shift) & 255) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function paletteFor(count: number, ordered: boolean): string[] {
  if (!ordered) return Array.from({ length: count }, (_, i) => CATEGORICAL[i % CATEGORICAL.length]!);
  if (count === 1) return ['#4393c3'];
  const steps = DIVERGING[count];
  if (steps) return [...steps];
  return Array.from({ length: count }, (_, i) => {
    const position = (i / (count - 1)) * (SEQUENTIAL.length - 1);
    const lo = Math.floor(position);
    const hi = Math.min(SEQUENTIAL.length - 1, lo + 1);
    return mix(SEQUENTIAL[lo]!, SEQUENTIAL[hi]!, position - lo);
  });
}
