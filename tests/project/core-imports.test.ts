/**
 * addin/core must run unchanged in Excel, in Apps Script and on the server: it may import zod and
 * its own files, nothing else (no node:*, no Office.js, no Apps Script globals).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = new URL('../../addin/core', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('addin/core', () => {
  it('imports nothing but zod and its own files', () => {
    const offending: string[] = [];
    for (const file of sources(CORE)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1] ?? '';
        if (spec !== 'zod' && !spec.startsWith('./') && !spec.startsWith('../')) {
          offending.push(`${relative(CORE, file)}: ${spec}`);
        }
      }
      for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]/g))
        offending.push(`${relative(CORE, file)}: import(${m[1]})`);
      if (/\b(?:Office|Excel|SpreadsheetApp|UrlFetchApp|process|require)\s*[.(]/.test(text)) {
        offending.push(`${relative(CORE, file)}: host global`);
      }
    }
    expect(sources(CORE).length).toBeGreaterThan(5);
    expect(offending).toEqual([]);
  });
});
