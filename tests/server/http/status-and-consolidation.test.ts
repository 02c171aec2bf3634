/**
 * The consolidator's view over HTTP: who has sent what (status), the consolidation recomputed from
 * the latest returns, and the consolidated workbook, rebuilt identically from the same data.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../store/backends.ts';
import { mjsReturn, type Service, startService } from './harness.ts';

async function sheetsOf(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return wb;
}

function cellsOf(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        out.push(`${ws.name}!${r}:${col}=${JSON.stringify(cell.value)}`);
      });
    });
  }
  return out;
}

async function twoMinistries(s: Service) {
  const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
  const mef = await s.token('ministry', 'MEF', 'CPS MEF');
  await s.json('/api/returns', { token: mjs, json: mjsReturn() });
  await s.json('/api/returns', {
    token: mef,
    json: {
      ministry: 'MEF',
      planId: 'pnlevt-2021-2025',
      planVersion: '1',
      lines: [
        {
          activity: '1.3.1.4',
          nature: 'costed',
          years: { 2022: 20, 2023: 30.5 },
          total: 50.5,
          national: 50.5,
          external: null,
          execution: [2022, 2023],
          comment: '=HYPERLINK("http://exemple")',
        },
      ],
    },
  });
  return { mjs, mef };
}

describeEachBackend('status and consolidation over HTTP', (backend) => {
  it('shows every ministry expected to send, with state, counts, missing activities and lateness', async () => {
    const s = await startService(backend, { deadline: '2020-01-01T00:00:00.000Z' });
    try {
      const { mjs } = await twoMinistries(s);
      const sp = await s.token('consolidator');
      const status = await s.json('/api/status', { token: sp });
      expect(status.status).toBe(200);
      const byCode = Object.fromEntries(
        status.body.ministries.map((m: { ministry: string }) => [m.ministry, m]),
      );
      expect(Object.keys(byCode)).toHaveLength(11);
      expect(byCode.MJS).toMatchObject({
        state: 'submitted',
        version: 1,
        submittedBy: 'CPS MJS',
        errors: 0,
        missing: [],
        late: false,
      });
      expect(byCode.MEF).toMatchObject({ state: 'submitted', version: 1 });
      expect(byCode.MEF.missing).toEqual(['1.3.1.1', '1.3.1.2', '1.3.1.3']);
      expect(byCode.MARCC).toMatchObject({ state: 'not_started', version: null, late: true });
      expect(status.body.totals).toMatchObject({ ministries: 11, submitted: 2, notStarted: 9, late: 9 });
      const own = await s.json('/api/status', { token: mjs });
      expect(own.body.ministries.map((m: { ministry: string }) => m.ministry)).toEqual(['MJS']);
      expect(own.body.mirror).toBeNull();
    } finally {
      await s.db.cleanup();
    }
  });

  it('recomputes the summary table from the latest returns, beside the envelope', async () => {
    const s = await startService(backend);
    try {
      await twoMinistries(s);
      const sp = await s.token('consolidator');
      const c = await s.json('/api/consolidated', { token: sp });
      expect(c.status).toBe(200);
      expect(c.body.total.amounts.total).toBe(185.5);
      const mef = c.body.rows.find(
        (r: { ministry: string; pillar: string }) => r.ministry === 'MEF' && r.pillar === '1',
      );
      expect(mef.amounts.years['2023']).toBe(30.5);
      expect(c.body.completeness.byMinistry).toHaveLength(11);
      const mjs = await s.token('ministry', 'MJS');
      expect((await s.json('/api/consolidated', { token: mjs })).status).toBe(403);
    } finally {
      await s.db.cleanup();
    }
  });

  it('sends the consolidated workbook, the same content twice, with returned text kept as text', async () => {
    const s = await startService(backend);
    try {
      await twoMinistries(s);
      const sp = await s.token('consolidator');
      const first = await s.call('/api/consolidated/workbook.xlsx', { token: sp });
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toContain('spreadsheetml');
      const a = await sheetsOf(first);
      const b = await sheetsOf(await s.call('/api/consolidated/workbook.xlsx', { token: sp }));
      expect(a.worksheets.map((w) => w.name)).toEqual(
        expect.arrayContaining(['Synthèse', 'Détail', 'Constats', 'Journal']),
      );
      expect(cellsOf(a)).toEqual(cellsOf(b));
      let found = false;
      for (const ws of a.worksheets) {
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.value === '=HYPERLINK("http://exemple")') {
              found = true;
              expect(cell.type).toBe(ExcelJS.ValueType.String);
            }
          }),
        );
      }
      expect(found).toBe(true);
    } finally {
      await s.db.cleanup();
    }
  });
});
