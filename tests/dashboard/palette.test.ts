// Answer shades that can be told apart: neighbouring steps of an ordered scale differ clearly in
// lightness or belong to another family (red, neutral grey, blue), and none vanishes on the page.
import { describe, expect, it } from 'vitest';
import { luminance, paletteFor } from '../../web/src/dashboard/palette.ts';

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const family = (hex: string) => {
  const red = parseInt(hex.slice(1, 3), 16);
  const blue = parseInt(hex.slice(5, 7), 16);
  return red - blue > 30 ? 'red' : blue - red > 30 ? 'blue' : 'neutral';
};

describe('paletteFor', () => {
  it.each([2, 3, 4, 5, 7, 9, 10, 11])(
    'gives %i ordered steps, each distinct from its neighbour and from the page',
    (n) => {
      const palette = paletteFor(n, true);
      expect(palette).toHaveLength(n);
      expect(new Set(palette).size).toBe(n);
      for (const colour of palette) expect(contrast(colour, '#ffffff')).toBeGreaterThan(1.2);
      for (let i = 1; i < n; i++) {
        const a = palette[i - 1]!;
        const b = palette[i]!;
        expect(family(a) !== family(b) || contrast(a, b) >= 1.3, `${a} next to ${b}`).toBe(true);
      }
    },
  );
});
