/**
 * The dashboard's whole "framework": `h` builds an HTML element, `s` an SVG one, and `fill`
 * replaces a region's content while keeping the keyboard user where they were. Text always goes
 * in as text nodes (never innerHTML), so what ministries type — comments, labels — cannot become
 * markup in the consolidator's page. A number given as a child is written the page language's way
 * (`writeNumbersWith`, set by ./main.ts): "1 029" in French, "1,029" in English, wherever it is.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((event: Event) => void)>;

let writeNumber: (n: number) => string = String;

/** How numbers given as children are written from now on (the language's grouping). */
export function writeNumbersWith(format: (n: number) => string): void {
  writeNumber = format;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (typeof c === 'string') parent.appendChild(document.createTextNode(c));
    else if (typeof c === 'number') parent.appendChild(document.createTextNode(writeNumber(c)));
    else parent.appendChild(c as Node);
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
}

/** `h('button', { type: 'button', onclick: go }, 'Ouvrir')`: attributes by name, `on…` as listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The same for SVG: presentation attributes, not inline styles, so the page's CSP can forbid those. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * Replaces the content of `region`. Whatever had the focus inside it is found again after the
 * redraw by its `data-key` (or id) and focused, with the caret where it was, so that a refresh of
 * the data never throws a keyboard or screen-reader user back to the top of the page.
 */
export function fill(region: HTMLElement, ...children: Child[]): void {
  const active = document.activeElement;
  let key: string | null = null;
  let caret: [number, number] | null = null;
  if (active instanceof HTMLElement && region.contains(active)) {
    key = active.dataset.key ?? (active.id || null);
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)
      caret = [active.selectionStart ?? 0, active.selectionEnd ?? 0];
  }
  const fragment = document.createDocumentFragment();
  append(fragment, children);
  region.replaceChildren(fragment);
  if (key === null) return;
  const again = [...region.querySelectorAll<HTMLElement>('[data-key], [id]')].find(
    (el) => (el.dataset.key ?? el.id) === key,
  );
  if (!again) return;
  again.focus({ preventScroll: true });
  if (caret && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement))
    again.setSelectionRange(caret[0], caret[1]);
}

/** A table wrapper that scrolls sideways on narrow screens and can be scrolled from the keyboard. */
export function scroller(label: string, table: HTMLTableElement): HTMLElement {
  return h('div', { class: 'scroller', role: 'region', 'aria-label': label, tabindex: 0 }, table);
}

/** Hands a downloaded file to the browser under its name, as a click on a link would. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
