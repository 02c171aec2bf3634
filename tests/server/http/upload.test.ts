/**
 * Returns uploaded as .xlsx: the filled template goes through the same file validation as
 * `pac validate` and the same checks as a JSON return; the file is kept as sent; unusable files
 * are refused with a French reason; an oversized upload is 413.
 */

import { expect, it } from 'vitest';
import { indexPlan } from '#core';
import { editWorkbook, entryCell, filledTemplate } from '../../fixtures/filled-template.ts';
import { describeEachBackend } from '../store/backends.ts';
import { SHIPPED_PLAN, startService } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const index = indexPlan(SHIPPED_PLAN);

describeEachBackend('returns uploaded as .xlsx', (backend) => {
  it('accepts the filled template, keeps the file as sent, and lists the version', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      const { bytes } = await filledTemplate(index, { ministry: 'MJS' });
      const r = await s.json('/api/returns/upload', {
        token: mjs,
        body: new Uint8Array(bytes),
        headers: { 'content-type': XLSX, 'x-file-name': 'retour%20MJS.xlsx' },
      });
      expect(r.status).toBe(201);
      expect(r.body.receipt).toMatchObject({ ministry: 'MJS', version: 1, errors: 0 });
      const file = await s.call('/api/returns/MJS/1/file', { token: mjs });
      expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
      expect(file.headers.get('content-disposition')).toContain('retour_MJS.xlsx');
      const stored = await s.json('/api/returns/MJS/1', { token: mjs });
      expect(stored.body.return).toMatchObject({ source: 'xlsx', fileName: 'retour MJS.xlsx' });
      expect(stored.body.return.payload.lines.map((l: { activity: string }) => l.activity)).toEqual([
        '5.4.1.1',
        '5.4.1.2',
        '5.4.1.3',
      ]);
    } finally {
      await s.db.cleanup();
    }
  });

  it('accepts multipart form uploads too', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const { bytes } = await filledTemplate(index, { ministry: 'MJS' });
      const form = new FormData();
      form.set('file', new File([new Uint8Array(bytes)], 'mjs.xlsx', { type: XLSX }));
      const r = await s.json('/api/returns/upload', { token: mjs, body: form });
      expect(r.status).toBe(201);
    } finally {
      await s.db.cleanup();
    }
  });

  it('refuses a file whose total was typed over, naming the sheet and cell (422), and keeps nothing', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const { spec, bytes } = await filledTemplate(index, { ministry: 'MJS' });
      const total = entryCell(spec, index, '5.4.1.1', 'total');
      const edited = await editWorkbook(bytes, (wb) => {
        const cell = wb.getWorksheet('Saisie')?.getCell(total);
        if (cell) cell.value = 999;
      });
      const r = await s.json('/api/returns/upload', {
        token: mjs,
        body: new Uint8Array(edited),
        headers: { 'content-type': XLSX },
      });
      expect(r.status).toBe(422);
      const places = r.body.error.details.findings.map(
        (f: { where: { sheet: string; cell: string }; code: string }) => [
          `${f.where.sheet}!${f.where.cell}`,
          f.code,
        ],
      );
      expect(places).toContainEqual([`Saisie!${total}`, 'line_total_mismatch']);
      expect((await s.json('/api/returns', { token: mjs })).body.returns).toEqual([]);
    } finally {
      await s.db.cleanup();
    }
  });

  it('refuses what is not a usable .xlsx with a French reason, and an oversized upload with 413', async () => {
    const s = await startService(backend, { maxUploadBytes: 100_000 });
    try {
      const mjs = await s.token('ministry', 'MJS');
      const pdf = await s.json('/api/returns/upload', {
        token: mjs,
        body: '%PDF-1.7 pas un classeur',
        headers: { 'content-type': XLSX },
      });
      expect([pdf.status, pdf.body.error.code]).toEqual([422, 'unusable_file']);
      expect(pdf.body.error.message).toMatch(/^Fichier inutilisable : .*PDF/);
      expect(pdf.body.error.messages.en).toMatch(/^Unusable file: /);
      const big = await s.json('/api/returns/upload', {
        token: mjs,
        body: new Uint8Array(200_000),
        headers: { 'content-type': XLSX },
      });
      expect([big.status, big.body.error.code]).toEqual([413, 'payload_too_large']);
      const type = await s.json('/api/returns/upload', {
        token: mjs,
        body: 'a,b',
        headers: { 'content-type': 'text/csv' },
      });
      expect(type.status).toBe(415);
    } finally {
      await s.db.cleanup();
    }
  });

  it("refuses another ministry's template with 403", async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const { bytes } = await filledTemplate(index, { ministry: 'MEF' });
      const r = await s.json('/api/returns/upload', {
        token: mjs,
        body: new Uint8Array(bytes),
        headers: { 'content-type': XLSX },
      });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('wrong_ministry');
    } finally {
      await s.db.cleanup();
    }
  });
});
