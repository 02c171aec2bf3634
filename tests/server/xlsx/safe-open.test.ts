// Bad input: whatever arrives — not an .xlsx, truncated, password-protected, a zip bomb, 50 MB,
// linked to other files, formulas or text that would run something — becomes a typed problem with
// a French message saying what to do, never a crash or a hang. Time is bounded by vitest's timeout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { constantValue, formulaKey } from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { validateWorkbook } from '../../../server/returns/validate-file.ts';
import { formulaThreat, isInjectionText } from '../../../server/xlsx/content-scan.ts';
import { type FileProblem, problemMessage } from '../../../server/xlsx/file-problems.ts';
import { safeOpen } from '../../../server/xlsx/safe-open.ts';
import { editWorkbook, filledTemplate } from '../../fixtures/filled-template.ts';
import { buildZip, cfbWithStreams, rezip } from '../../fixtures/zip-builder.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE } from './libreoffice.ts';

const index = shippedPlan();
const template = (await filledTemplate(index, { ministry: 'MARCC' })).bytes;

async function refused(bytes: Buffer): Promise<FileProblem> {
  const opened = await safeOpen(bytes);
  if (opened.ok) throw new Error('opened');
  return opened.problem;
}

const MB = 1024 * 1024;

describe('what is not an .xlsx', () => {
  it.each([
    ['a CSV file', Buffer.from('Code;Activité;2021\n1.1.1.1;Études;500\n1.1.1.2;Ateliers;200\n'), 'csv'],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'pdf'],
    [
      'a web page saved as .xls',
      Buffer.from('<html><body><table><tr><td>1</td></tr></table></body></html>'),
      'html',
    ],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), 'unknown'],
    [
      'an OpenDocument spreadsheet',
      buildZip([
        { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), method: 0 },
        { name: 'content.xml', data: Buffer.from('<x/>') },
      ]),
      'ods',
    ],
  ])('%s is refused, saying what it looks like', async (_, bytes, looksLike) => {
    const p = await refused(bytes);
    expect(p).toEqual({ code: 'not_xlsx', params: { looksLike } });
    expect(problemMessage(p, 'fr')).toMatch(/^Ce fichier n'est pas un fichier \.xlsx : il ressemble à /);
  });

  it('an empty file says so', async () => {
    expect(await refused(Buffer.alloc(0))).toEqual({ code: 'file_empty', params: {} });
  });

  it('a password-protected workbook (OLE file with an EncryptionInfo stream) is told from an old .xls', async () => {
    const encrypted = await refused(cfbWithStreams(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']));
    expect(encrypted.code).toBe('password_protected');
    expect(problemMessage(encrypted, 'fr')).toContain('protégé par un mot de passe');
    expect((await refused(cfbWithStreams(['Root Entry', 'Workbook']))).code).toBe('old_xls');
  });

  it('a zip whose entries are encrypted is password-protected too', async () => {
    const zip = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), flags: 1 }]);
    expect((await refused(zip)).code).toBe('password_protected');
  });
});

describe.skipIf(!hasLibreOffice())(
  `real files saved by LibreOffice in other formats (${NEEDS_LIBREOFFICE})`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-formats-'));
    const source = join(dir, 'retour.xlsx');
    writeFileSync(source, template);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const convert = (format: string, ext: string): Buffer => {
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          format,
          '--outdir',
          dir,
          source,
        ],
        {
          timeout: 90_000,
          stdio: 'ignore',
        },
      );
      return readFileSync(join(dir, `retour.${ext}`));
    };

    it.each([
      ['xls', 'xls', { code: 'old_xls', params: {} }],
      ['ods', 'ods', { code: 'not_xlsx', params: { looksLike: 'ods' } }],
      // LibreOffice exports the first sheet, the instructions: one column of prose, plain text.
      ['csv', 'csv', { code: 'not_xlsx', params: { looksLike: 'text' } }],
      ['pdf', 'pdf', { code: 'not_xlsx', params: { looksLike: 'pdf' } }],
    ])('a .%s is told for what it is', async (format, ext, expected) => {
      expect(await refused(convert(format, ext))).toEqual(expected);
    });
  },
);

describe('damaged files', () => {
  it('a truncated .xlsx (an interrupted download) is corrupt, not a crash', async () => {
    const p = await refused(template.subarray(0, Math.floor(template.length / 2)));
    expect(p).toEqual({ code: 'corrupt_zip', params: { reason: 'truncated' } });
    expect(problemMessage(p, 'fr')).toContain('il est tronqué');
  });

  it('a part whose bytes do not match its checksum is corrupt', async () => {
    const zip = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), crc: 1234 }]);
    expect(await refused(zip)).toMatchObject({ code: 'corrupt_zip', params: { reason: 'crc' } });
  });

  it('a zip holding the same part twice is refused', async () => {
    const part = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };
    expect(await refused(buildZip([part, { ...part, name: 'XL/Workbook.xml' }]))).toMatchObject({
      code: 'corrupt_zip',
      params: { reason: 'duplicate_entry' },
    });
  });

  it('an .xlsx without its workbook part is a damaged .xlsx', async () => {
    const zip = rezip(template, (parts) => parts.delete('xl/workbook.xml'));
    expect(await refused(zip)).toEqual({ code: 'corrupt_zip', params: { reason: 'not_workbook' } });
  });
});

describe('size and zip bombs', () => {
  it('a 50 MB file is refused with its size and the limit, before anything is unpacked', async () => {
    const big = Buffer.alloc(50 * MB);
    big.write('PK\u0003\u0004', 0, 'latin1');
    const p = await refused(big);
    expect(p).toEqual({ code: 'file_too_large', params: { size: 50 * MB, limit: 10 * MB } });
    expect(problemMessage(p, 'fr')).toBe(
      'Fichier trop volumineux (50 Mo) : la limite est de 10 Mo. Un retour de ministère pèse bien moins : envoyez le modèle PAC de votre ministère, sans images ni feuilles ajoutées.',
    );
  });

  it('entries of zeros with a huge ratio are refused before inflation', async () => {
    const zeros = Buffer.alloc(64 * MB);
    const zip = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]);
    expect(zip.length).toBeLessThan(100_000);
    expect(await refused(zip)).toMatchObject({
      code: 'zip_bomb',
      params: { reason: 'ratio', entry: 'xl/worksheets/sheet1.xml' },
    });
  });

  it('a total declared size over the limit is refused from the directory alone', async () => {
    // 1,000 entries of a few bytes each declaring 256 KB: under the ratio floor one by one, 250 MB together.
    const entries = Array.from({ length: 1000 }, (_, i) => ({
      name: `xl/media/p${i}.bin`,
      data: Buffer.alloc(0),
      compressed: deflateRawSync(Buffer.from('x')),
      declaredSize: 256 * 1024,
    }));
    const zip = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, ...entries]);
    expect(zip.length).toBeLessThan(200_000);
    const p = await refused(zip);
    expect(p).toMatchObject({ code: 'zip_bomb', params: { reason: 'total', limit: 200 * MB } });
    expect(problemMessage(p, 'fr')).toMatch(
      /^Le fichier se décompresse en 250 Mo, au-delà de la limite de 200 Mo/,
    );
  });

  it('a header that understates its size cannot make an entry inflate past it', async () => {
    const data = Buffer.alloc(5 * MB, 'x');
    const zip = buildZip([{ name: 'xl/workbook.xml', data, declaredSize: 1000, crc: crc32(data) }]);
    expect(await refused(zip)).toMatchObject({ code: 'corrupt_zip', params: { reason: 'size_mismatch' } });
  });

  it('a merged range over whole columns is refused rather than expanded cell by cell', async () => {
    const zip = rezip(template, (parts) => {
      const sheet = parts.get('xl/worksheets/sheet2.xml')?.toString('utf8') ?? '';
      parts.set(
        'xl/worksheets/sheet2.xml',
        Buffer.from(
          sheet.replace(
            '</sheetData>',
            '</sheetData><mergeCells count="1"><mergeCell ref="X1:AZ1048576"/></mergeCells>',
          ),
        ),
      );
    });
    expect(await refused(zip)).toMatchObject({ code: 'zip_bomb', params: { reason: 'cells' } });
  });

  it('thousands of merged ranges are refused (each would be checked against every other)', async () => {
    const merges = Array.from(
      { length: 6000 },
      (_, i) => `<mergeCell ref="X${2 * i + 1}:Y${2 * i + 1}"/>`,
    ).join('');
    const zip = rezip(template, (parts) => {
      const sheet = parts.get('xl/worksheets/sheet2.xml')?.toString('utf8') ?? '';
      parts.set(
        'xl/worksheets/sheet2.xml',
        Buffer.from(sheet.replace(/<mergeCells[^>]*>/, `<mergeCells count="6001">${merges}`)),
      );
    });
    expect(await refused(zip)).toEqual({
      code: 'zip_bomb',
      params: { reason: 'merges', limit: 5000, actual: 5001, entry: 'Saisie' },
    });
  });

  it('a DOCTYPE (entity expansion) in any part is refused', async () => {
    const zip = rezip(template, (parts) => {
      const xml = parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
      parts.set(
        'xl/sharedStrings.xml',
        Buffer.from(xml.replace('?>', '?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>')),
      );
    });
    expect(await refused(zip)).toEqual({ code: 'unsafe_xml', params: { entry: 'xl/sharedStrings.xml' } });
  });
});

describe('content that reaches outside the file', () => {
  it('a formula linked to another workbook is refused, naming its cell', async () => {
    const bytes = await editWorkbook(template, (wb) => {
      const ws = wb.getWorksheet('Saisie');
      if (ws) ws.getCell('G9').value = { formula: '[1]Feuil1!$A$1', result: 5 };
    });
    const p = await refused(bytes);
    expect(p).toEqual({ code: 'external_links', params: {}, where: { sheet: 'Saisie', cell: 'G9' } });
    expect(problemMessage(p, 'fr')).toBe(
      "Le fichier contient des formules liées à d'autres fichiers (cellule Saisie!G9) : leurs valeurs ne voyagent pas avec le fichier. Copiez les cellules concernées puis collez-les en valeurs (Collage spécial › Valeurs), supprimez les liaisons (Données › Modifier les liens) et renvoyez.",
    );
  });

  it('an external-link part is refused even when no formula shows it', async () => {
    const zip = rezip(template, (parts) => {
      parts.set('xl/externalLinks/externalLink1.xml', Buffer.from('<externalLink/>'));
      parts.set(
        'xl/externalLinks/_rels/externalLink1.xml.rels',
        Buffer.from(
          '<Relationships><Relationship Id="rId1" Target="file:///C:/Budget/budget-2021.xlsx" TargetMode="External"/></Relationships>',
        ),
      );
    });
    expect(await refused(zip)).toEqual({
      code: 'external_links',
      params: { target: 'file:///C:/Budget/budget-2021.xlsx' },
    });
  });

  it('=HYPERLINK(…) in a formula is refused, naming the sheet and cell', async () => {
    const bytes = await editWorkbook(template, (wb) => {
      const ws = wb.getWorksheet('Saisie');
      if (ws)
        ws.getCell('T9').value = {
          formula: 'HYPERLINK("http://example.org/x","Cliquez")',
          result: 'Cliquez',
        };
    });
    const p = await refused(bytes);
    expect(p).toMatchObject({
      code: 'dangerous_formula',
      params: { function: 'HYPERLINK' },
      where: { sheet: 'Saisie', cell: 'T9' },
    });
    expect(problemMessage(p, 'fr')).toMatch(
      /^La formule « =HYPERLINK\("http:\/\/example\.org\/x","Cliquez"\) » \(cellule Saisie!T9\) utilise HYPERLINK/,
    );
  });

  it('a DDE formula (cmd|…) is refused', async () => {
    const bytes = await editWorkbook(template, (wb) => {
      const ws = wb.getWorksheet('Saisie');
      if (ws) ws.getCell('G9').value = { formula: "cmd|' /C calc'!A0", result: 0 };
    });
    expect(await refused(bytes)).toMatchObject({ code: 'dangerous_formula', params: { function: 'DDE' } });
  });

  it.each([
    ["+cmd|' /C calc'!A0"],
    ["=cmd|' /C notepad'!A1"],
    ["@SUM(1+1)*cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://x.example","ok")'],
  ])('text %s that would run as a formula is refused, naming the cell', async (text) => {
    const bytes = await editWorkbook(template, (wb) => {
      const ws = wb.getWorksheet('Saisie');
      if (ws) ws.getCell('T10').value = text;
    });
    const p = await refused(bytes);
    expect(p).toEqual({
      code: 'formula_injection',
      params: { text },
      where: { sheet: 'Saisie', cell: 'T10' },
    });
    expect(problemMessage(p, 'fr')).toMatch(/^La cellule Saisie!T10 contient « /);
  });

  it.each([
    ['an inline string', '<c r="T11" t="inlineStr"><is><t>=cmd|\' /C calc\'!A0</t></is></c>'],
    ['a "str" cell without a formula', '<c r="T11" t="str"><v>=cmd|\' /C calc\'!A0</v></c>'],
  ])('injection text stored as %s is refused too', async (_, cell) => {
    const zip = rezip(template, (parts) => {
      const xml = parts.get('xl/worksheets/sheet2.xml')?.toString('utf8') ?? '';
      parts.set('xl/worksheets/sheet2.xml', Buffer.from(xml.replace(/(<row r="11"[^>]*>)/, `$1${cell}`)));
    });
    expect(await refused(zip)).toMatchObject({
      code: 'formula_injection',
      where: { sheet: 'Saisie', cell: 'T11' },
    });
  });

  it('ordinary text that starts like a formula is accepted', async () => {
    const bytes = await editWorkbook(template, (wb) => {
      const ws = wb.getWorksheet('Saisie');
      if (ws) {
        ws.getCell('T10').value = '- voir la note du ministère | urgent';
        ws.getCell('T11').value = '=> à revoir avec la DFM';
      }
    });
    expect((await safeOpen(bytes)).ok).toBe(true);
  });
});

describe('the unusable outcome of validateWorkbook', () => {
  it('carries the problem for every bad input, and never throws', async () => {
    const inputs = [Buffer.from('a;b\n1;2\n'), template.subarray(0, 100), cfbWithStreams(['EncryptionInfo'])];
    for (const bytes of inputs) {
      const result = await validateWorkbook(bytes, index);
      expect(result.kind).toBe('unusable');
    }
  });

  it('says when the entry sheet lost its metadata sheet (copied into another workbook)', async () => {
    const bytes = await editWorkbook(template, (wb) => {
      wb.removeWorksheet(wb.getWorksheet('PAC_meta')?.id ?? -1);
    });
    expect(await validateWorkbook(bytes, index)).toMatchObject({
      kind: 'unusable',
      problem: { code: 'template_meta_missing', params: { sheet: 'Saisie' } },
    });
  });

  it('says when a workbook is neither a PAC template nor a table in the plan’s layout', async () => {
    const bytes = await editWorkbook(template, (wb) => {
      for (const name of ['PAC_meta', 'Saisie']) wb.removeWorksheet(wb.getWorksheet(name)?.id ?? -1);
    });
    expect(await validateWorkbook(bytes, index)).toMatchObject({
      kind: 'unusable',
      problem: { code: 'not_a_return' },
    });
  });
});

describe('formula text', () => {
  it('compares formulas the way spreadsheet programs rewrite them', () => {
    const template = 'IF(COUNT(G9:K9)=0,"",SUM(G9:K9))';
    expect(formulaKey('=if( count($G$9:K9) = 0, "", sum(G9:K9) )', 9)).toBe(formulaKey(template, 9));
    expect(formulaKey('IF(COUNT(G11:K11)=0,"",SUM(G11:K11))', 11)).toBe(formulaKey(template, 9));
    expect(formulaKey('IF(COUNT(G9:J9)=0,"",SUM(G9:J9))', 9)).not.toBe(formulaKey(template, 9));
    expect(formulaKey('SUMIFS(\'Saisie\'!$G$6:$G$48,Saisie!U6:U48,"1")', 5)).toBe(
      formulaKey('SUMIFS(Saisie!G6:G48,Saisie!$U$6:$U$48,"1")', 5),
    );
    // String literals are compared as written.
    expect(formulaKey('IF(A1="x",1,2)', 1)).not.toBe(formulaKey('IF(A1="X",1,2)', 1));
  });

  it('evaluates constant arithmetic exactly, to the FCFA', () => {
    expect(constantValue('=0.1+0.2')).toBe(300_000n);
    expect(constantValue('1500+250*2')).toBe(2_000_000_000n);
    expect(constantValue('(100+50)/3')).toBe(50_000_000n);
    expect(constantValue('1/3')).toBe(333_333n);
    expect(constantValue('-2/3')).toBe(-666_667n);
    expect(constantValue('A1+1')).toBeNull();
    expect(constantValue('1/0')).toBeNull();
    expect(constantValue('SUM(1,2)')).toBeNull();
  });

  it('tells dangerous formulas and injection text from harmless ones', () => {
    expect(formulaThreat('SUM(G9:K9)')).toBeNull();
    expect(formulaThreat('IF(A1="a|b!",1,2)')).toBeNull();
    expect(formulaThreat('SUM(Table1[2021])')).toBeNull();
    expect(formulaThreat("'[2]Budget 2021'!B4")).toEqual({ kind: 'external' });
    expect(formulaThreat('_xlfn.WEBSERVICE("http://x")')).toEqual({ kind: 'function', name: 'WEBSERVICE' });
    expect(isInjectionText("-2+3+cmd|' /C calc'!A0")).toBe(true);
    expect(isInjectionText('Former les agents | phase 2 !')).toBe(false);
    expect(isInjectionText('+ 20 % sur 2022')).toBe(false);
  });
});
