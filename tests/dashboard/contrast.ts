// WCAG 2 contrast from CSS colours as the browser computes them ("rgb(27, 27, 27)",
// "rgba(0, 0, 0, 0)"), for the dashboard's end-to-end test: colours are read from the page's
// computed styles and the ratio is computed here, in Node, where it can be unit-tested.

export type Rgba = [number, number, number, number];

export function parseColor(css: string): Rgba | null {
  const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  if (!m) return null;
  const parts = (m[1] as string)
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  if (parts.length < 3 || parts.some((n) => Number.isNaN(n))) return null;
  const [r, g, b, a = 1] = parts as [number, number, number, number?];
  return [r, g, b, a];
}

/** `top` laid over the opaque `bottom`, as the eye sees a translucent colour. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [
    top[0] * a + bottom[0] * (1 - a),
    top[1] * a + bottom[1] * (1 - a),
    top[2] * a + bottom[2] * (1 - a),
    1,
  ];
}

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: Rgba): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The contrast of a text colour over the stack of backgrounds behind it (innermost first, as
 * read from the element up to the root); what shows through at the bottom is white.
 */
export function textContrast(color: string, backgrounds: readonly string[]): number {
  let behind: Rgba = [255, 255, 255, 1];
  for (const bg of [...backgrounds].reverse()) {
    const c = parseColor(bg);
    if (c && c[3] > 0) behind = over(c, behind);
  }
  const fg = parseColor(color);
  if (!fg) throw new Error(`unreadable colour ${color}`);
  return contrastRatio(over(fg, behind), behind);
}
