/**
 * Every test file belongs to exactly one of the runner's projects (vitest.config.ts), so that
 * `npm test` runs them all and `npm run test:unit` stays the quick part.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E, INTEGRATION, SLOW, UNIT } from '../../vitest.config.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'artifacts'
        ? []
        : testFiles(join(dir, e.name))
      : e.name.endsWith('.test.ts')
        ? [relative(ROOT, join(dir, e.name))]
        : [],
  );
}

/** A glob of the config ("tests/core/**\/*.test.ts", "tests/**\/*.e2e.test.ts") as a test. */
function matches(glob: string, file: string): boolean {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '(?:.*/)?')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern}$`).test(file);
}

const any = (globs: readonly string[], file: string) => globs.some((g) => matches(g, file));

describe('test projects', () => {
  it('put every test file in exactly one project', () => {
    const files = testFiles(join(ROOT, 'tests'));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const projects = [
        any(UNIT, file) && !any(E2E, file) && !any(SLOW, file) ? 'unit' : null,
        any(INTEGRATION, file) && !any(E2E, file) ? 'integration' : null,
        any(E2E, file) ? 'e2e' : null,
      ].filter(Boolean);
      expect(projects, file).toHaveLength(1);
    }
  });
});
