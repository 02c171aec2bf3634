// `pac validate` on the defect corpus (../../fixtures/defect-workbooks.ts): it exits 1 on every
// defect with its error at the right cell, 0 on the valid files — a LibreOffice re-save included —
// and the real command line gives the same exit codes.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { CORPUS_CASES, type CorpusCase, defectCorpus } from '../../fixtures/defect-workbooks.ts';
import { hasLibreOfficeUno, NEEDS_LIBREOFFICE_UNO } from '../../fixtures/libreoffice-edit.ts';

const index = shippedPlan();
const dir = mkdtempSync(join(tmpdir(), 'pac-validate-defects-'));
let corpus: CorpusCase[] = [];

function io() {
  const out: string[] = [];
  return { out, io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) } };
}

const pathOf = (c: CorpusCase) => {
  const path = join(dir, `${CORPUS_CASES.indexOf(c.name)}.xlsx`);
  writeFileSync(path, c.bytes);
  return path;
};

describe.skipIf(!hasLibreOfficeUno())(`pac validate on the defect corpus (${NEEDS_LIBREOFFICE_UNO})`, () => {
  beforeAll(async () => {
    corpus = await defectCorpus(index);
  }, 300_000);

  it.each(CORPUS_CASES)('%s', async (name) => {
    const c = corpus.find((x) => x.name === name) as CorpusCase;
    const t = io();
    const code = await main(['validate', pathOf(c), '--json'], t.io);
    expect(code).toBe(c.errors.length > 0 ? 1 : 0);
    const report = JSON.parse(t.out.join('\n')) as {
      findings: {
        code: string;
        severity: string;
        where: { sheet: string; cell?: string };
        message: string;
      }[];
    };
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [`${f.where.sheet}!${f.where.cell}`, f.code])).toEqual(c.errors);
    for (const f of errors) expect(f.message).toMatch(/\.$/);
  });

  it('exits 1 and 0 as a process too, printing the cell', async () => {
    const run = (path: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          ['server/cli/pac.js', 'validate', path],
          { timeout: 60_000 },
          (error, out) => resolve({ code: error ? Number(error.code) : 0, out }),
        );
      });
    const sorted = corpus.find((c) => c.errors.some(([, code]) => code === 'rows_reordered')) as CorpusCase;
    const resaved = corpus.find((c) => c.via === 'LibreOffice' && c.errors.length === 0) as CorpusCase;
    const bad = await run(pathOf(sorted));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('✗ Saisie!A6 — Les lignes de la feuille ont été triées ou déplacées');
    expect((await run(pathOf(resaved))).code).toBe(0);
  });
});
