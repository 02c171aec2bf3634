/**
 * The service's layers as the code is laid out: route modules get their dependencies from
 * server/http/context.ts, never from app.ts (which imports them); and what a database failure
 * means is said in the store (server/store/store-errors.ts), so nothing in the HTTP layer, the
 * routes or the return handling touches a driver or its error codes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = new URL('../../../server', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('server layers', () => {
  it('route modules never import app.ts', () => {
    const files = sources(join(SERVER, 'routes'));
    expect(files.length).toBeGreaterThan(5);
    const offending = files.filter((f) => imports(f).some((spec) => spec.endsWith('/http/app.ts')));
    expect(offending.map((f) => relative(SERVER, f))).toEqual([]);
  });

  it('the HTTP layer, the routes and the return handling never look at a database driver or its error codes', () => {
    const files = ['http', 'routes', 'returns'].flatMap((dir) => sources(join(SERVER, dir)));
    const offending: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const where = relative(SERVER, file);
      for (const spec of imports(file)) {
        if (spec === 'pg' || spec === 'better-sqlite3' || /store\/(sqlite|postgres)-db\.ts$/.test(spec))
          offending.push(`${where}: imports ${spec}`);
      }
      // SQLite result codes, PostgreSQL SQLSTATE classes, socket errors: the store's to translate.
      for (const m of text.matchAll(
        /SQLITE_[A-Z]+|ECONN[A-Z]+|\b(?:08|53|57P)\d{3}\b|Connection terminated/g,
      ))
        offending.push(`${where}: ${m[0]}`);
    }
    expect(files.length).toBeGreaterThan(15);
    expect(offending).toEqual([]);
  });
});
