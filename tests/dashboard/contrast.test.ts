// The contrast arithmetic the end-to-end test applies to the page's computed colours (WCAG 2).
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor, textContrast } from './contrast.ts';

describe('contrast', () => {
  it('reads computed colours, with or without alpha', () => {
    expect(parseColor('rgb(27, 27, 27)')).toEqual([27, 27, 27, 1]);
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseColor('color(display-p3 1 0 0)')).toBeNull();
  });

  it('gives the WCAG ratios: 21 for black on white, about 4.5 for #767676 on white', () => {
    expect(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5);
    expect(contrastRatio([0x76, 0x76, 0x76, 1], [255, 255, 255, 1])).toBeCloseTo(4.54, 2);
  });

  it('looks through transparent backgrounds to the first opaque one, white at the bottom', () => {
    const dark = textContrast('rgb(0, 0, 0)', ['rgba(0, 0, 0, 0)', 'rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    expect(dark).toBeCloseTo(1, 5);
    expect(textContrast('rgb(0, 0, 0)', ['rgba(0, 0, 0, 0)'])).toBeCloseTo(21, 5);
  });
});
