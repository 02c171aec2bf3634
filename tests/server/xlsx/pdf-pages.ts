/**
 * Reading a PDF back for tests, with Debian's poppler-utils: every page's size and words with their
 * boxes (`pdftotext -bbox`, in points from the top left), and page images for people to look at
 * (`pdftoppm`). The text is what a printed page shows: a word cut off at the page edge is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const NEEDS_POPPLER = 'needs poppler-utils (pdftotext, pdftoppm): apt-get install poppler-utils';

let available: boolean | null = null;

export function hasPoppler(): boolean {
  available ??= ['pdftotext', 'pdftoppm'].every((tool) => spawnSync(tool, ['-v']).status === 0);
  return available;
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  /** 1-based, in the document. */
  number: number;
  width: number;
  height: number;
  words: PdfWord[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function htmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#(\d+));/g, (_, name: string, code?: string) =>
    code ? String.fromCodePoint(Number(code)) : (ENTITIES[name] ?? ''),
  );
}

/** Every page of the PDF with its words, in reading order. */
export function pdfPages(pdf: string): PdfPage[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const [, width, height, body = ''] of html.matchAll(pageRe)) {
    const words = [...body.matchAll(wordRe)].map(([, x0, y0, x1, y1, text = '']) => ({
      text: htmlText(text),
      xMin: Number(x0),
      yMin: Number(y0),
      xMax: Number(x1),
      yMax: Number(y1),
    }));
    pages.push({ number: pages.length + 1, width: Number(width), height: Number(height), words });
  }
  return pages;
}

/** The page's text with every space and line break taken out, to look for a phrase across lines. */
export function squeezed(words: readonly PdfWord[]): string {
  return words
    .map((w) => w.text)
    .join('')
    .replace(/\s+/g, '');
}

/** Writes one PNG per page, `prefix-N.png` under `dir` (pdftoppm numbers them). */
export function pageImages(pdf: string, dir: string, prefix: string, dpi = 60): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, join(dir, prefix)]);
}
