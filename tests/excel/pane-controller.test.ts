// The shared pane's behaviour with the Excel host on the fake: offline submission kept and sent
// once, the service's refusals mapped to cells, the legacy conversion, storage, which buttons can
// work and why not, and the markup (findings grouped by code, places in words, what comes first).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  availability,
  type Finding,
  finding,
  GROUP_TITLES,
  PANE_WORDING,
  PaneController,
  type PaneResponse,
  type PaneState,
  type Plan,
  renderPane,
  STORAGE_KEYS,
} from '#core';
import { createExcelHost } from '../../addin/excel/excel-host.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { readSheet } from '../../server/xlsx/read-workbook.ts';
import { legacyWorkbook } from '../fixtures/legacy-builder.ts';
import { colLetters, FakeExcel } from './fake-excel.ts';
import { memoryStorage, type ScriptedService, scriptedService } from './pane-fixtures.ts';

const noYield = async () => {};
let fake: FakeExcel;
let controller: PaneController | null = null;

beforeEach(() => {
  fake = new FakeExcel({ asyncSync: false });
  fake.install();
});
afterEach(() => {
  controller?.dispose();
  controller = null;
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

const PLAN: Plan = shippedPlan().plan;

function makePane(
  service: ScriptedService,
  storage = memoryStorage(),
  retryDelaysMs = [60_000],
  host: ReturnType<typeof createExcelHost> | null = createExcelHost({ yieldToUi: noYield }),
) {
  controller = new PaneController({
    host,
    transport: service,
    storage,
    defaultService: 'https://pac.test',
    tick: noYield,
    retryDelaysMs,
    now: () => new Date('2026-01-15T10:00:00Z'),
  });
  return controller;
}

/** The service refuses every return sent, with these findings (by default a 422 return_has_errors). */
function refusing(
  service: ScriptedService,
  findings: Finding[],
  error = {
    status: 422,
    code: 'return_has_errors',
    messages: { fr: 'Le retour contient des erreurs.', en: 'The return has errors.' },
  },
): void {
  const real = service.request.bind(service);
  service.request = async (req): Promise<PaneResponse> => {
    if (req.method !== 'POST') return real(req);
    return {
      status: error.status,
      headers: {},
      body: JSON.stringify({ error: { ...error, details: { findings } } }),
    };
  };
}

function rowOf(code: string): number {
  for (const [r, cols] of fake.sheet('Saisie').cells) if (cols.get(0)?.value === code) return r + 1;
  throw new Error(`${code} not on the entry sheet`);
}

/** MARCC's first costed activity, filled so that the return is valid. */
function fillOne(): string {
  const costed =
    PLAN.activities.find((a) => a.responsible === 'MARCC' && a.costNote === null) ?? PLAN.activities[0];
  const row = rowOf(costed?.code ?? '');
  fake.type('Saisie', `G${row}`, 100);
  fake.type('Saisie', `H${row}`, 50);
  fake.type('Saisie', `M${row}`, 150);
  return `${row}`;
}

async function readyPane(service = scriptedService(PLAN, 'MARCC'), storage = memoryStorage()) {
  const pane = makePane(service, storage);
  await pane.connect('https://pac.test', 'pac_test.secret');
  await pane.setup();
  return { pane, service, storage };
}

describe('converting text to numbers', () => {
  it('lists the cells and numbers it would write, writes them only once confirmed, then checks again', async () => {
    const { pane } = await readyPane();
    const row = fillOne();
    // Pasted text (the apostrophe keeps it text, as a paste from Word does) and a formula.
    fake.type('Saisie', `G${row}`, "'1 500");
    fake.type('Saisie', `H${row}`, "'2\u00a0000");
    fake.type('Saisie', `M${row}`, '=1000+2500');
    fake.type('Saisie', `N${row}`, "'1.500");
    await pane.check();
    const codes = pane.state.report?.findings.filter((f) => f.severity === 'error').map((f) => f.code);
    expect(codes).toEqual(['amount_as_text', 'amount_as_text', 'formula_in_input', 'ambiguous_number']);
    // The ambiguous "1.500" is left to the person: no guess.
    expect(pane.state.fixes).toEqual({
      confirming: false,
      cells: [
        { sheet: 'Saisie', cell: `G${row}`, text: '1 500', value: 1500 },
        { sheet: 'Saisie', cell: `H${row}`, text: '2\u00a0000', value: 2000 },
        { sheet: 'Saisie', cell: `M${row}`, text: '=1000+2500', value: 3500 },
      ],
    });
    const html = () => renderPane(pane.state);
    expect(html()).toContain('data-action="fix-ask"');
    expect(html()).toContain('Convertir en nombre (3 cellules)');

    // Asking shows the list; cancelling writes nothing.
    pane.askFix();
    expect(html()).toContain(`Saisie!G${row} : « 1 500 » → 1\u202f500`);
    expect(html()).toContain(`Saisie!M${row} : « =1000+2500 » → 3\u202f500`);
    pane.cancelFix();
    expect(html()).not.toContain('data-action="fix-apply"');
    expect(fake.valueAt('Saisie', `G${row}`)).toBe('1 500');

    pane.askFix();
    await pane.applyFix();
    for (const [cell, value] of [
      [`G${row}`, 1500],
      [`H${row}`, 2000],
      [`M${row}`, 3500],
    ] as const) {
      expect(fake.cellAt('Saisie', cell)).toMatchObject({ value, formula: null, numberFormat: '#,##0.0##' });
    }
    // Checked again at once: only the ambiguous cell is left, and the sheet is still protected.
    expect(pane.state.report?.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'ambiguous_number',
    ]);
    expect(pane.state.fixes).toBeNull();
    expect(fake.sheet('Saisie').protection.protected).toBe(true);
    expect(pane.state.notices[0]?.say(PANE_WORDING.fr, 'fr')).toBe(
      '3 cellules converties en nombre ; la feuille a été vérifiée à nouveau.',
    );
  });
});

describe('submitting', () => {
  it('keeps a return whose answer was lost and sends it again with the same key: one version only', async () => {
    const { pane, service, storage } = await readyPane();
    fillOne();
    service.loseAnswers = true;
    await pane.submit();
    expect(pane.state.pending).not.toBeNull();
    expect(pane.state.connection.status).toBe('offline');
    const kept = storage.data.get(STORAGE_KEYS.pending) as { key: string };
    expect(service.versions).toHaveLength(1);

    // Submit pressed again while still cut off: same content, same key.
    await pane.submit();
    expect((storage.data.get(STORAGE_KEYS.pending) as { key: string }).key).toBe(kept.key);

    service.loseAnswers = false;
    await pane.retryNow();
    expect(pane.state.pending).toBeNull();
    expect(storage.data.has(STORAGE_KEYS.pending)).toBe(false);
    expect(pane.state.receipt).toMatchObject({ version: 1, replayed: true });
    // One sentence: already received, as version 1 — not "received" then "already received".
    expect(pane.state.notices.map((n) => n.say(PANE_WORDING.fr, 'fr'))).toEqual([
      expect.stringMatching(
        /^Ce retour avait déjà été reçu : c'est la version 1, du 15\/01\/2026 à \d\d:00 ; aucune nouvelle version n'a été créée\.$/,
      ),
    ]);
    expect(service.versions).toHaveLength(1);
    const keys = service.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']);
    expect(new Set(keys)).toEqual(new Set([kept.key]));
    expect(pane.state.review).toMatchObject({ version: 1, state: 'submitted' });
  });

  it('retries on its own after a network cut, and when the pane opens again', async () => {
    const { pane, service, storage } = await readyPane();
    fillOne();
    service.offline = true;
    await pane.submit();
    expect(service.versions).toHaveLength(0);
    expect(storage.data.has(STORAGE_KEYS.pending)).toBe(true);
    pane.dispose();

    // A new pane over the same storage (Excel restarted), with the service back.
    service.offline = false;
    const again = makePane(service, storage);
    await again.start();
    expect(again.state.receipt?.version).toBe(1);
    expect(again.state.pending).toBeNull();
    expect(service.versions).toHaveLength(1);
  });

  it('does not send a return with errors, and says why', async () => {
    const { pane, service } = await readyPane();
    const row = fillOne();
    fake.type('Saisie', `N${row}`, 'abc');
    await pane.submit();
    expect(service.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(pane.state.report?.errors).toBeGreaterThan(0);
    expect(pane.state.notices[0]?.say(PANE_WORDING.fr, 'fr')).toMatch(
      /^Envoi impossible : \d+ erreurs? à corriger/,
    );
  });

  it('shows the service’s findings on their cells when it refuses the return', async () => {
    const service = scriptedService(PLAN, 'MARCC');
    const { pane } = await readyPane(service);
    const row = fillOne();
    const refused: Finding = finding(
      'activity_not_owned',
      'error',
      { sheet: 'Saisie', cell: `A${row}` },
      {
        activity: '9.9.9.9',
        responsible: 'MJS',
        ministry: 'MARCC',
      },
    );
    refusing(service, [refused], {
      status: 403,
      code: 'activities_not_owned',
      messages: { fr: 'Le retour contient 1 activité…', en: 'The return holds 1 activity…' },
    });
    await pane.submit();
    expect(pane.state.pending).toBeNull();
    expect(pane.state.report).toMatchObject({ origin: 'server', errors: 1 });
    expect(fake.cellAt('Saisie', `A${row}`)?.format.borders?.EdgeTop).toMatchObject({ color: '#C00000' });
    expect(pane.state.notices[0]?.say(PANE_WORDING.en, 'en')).toBe(
      'Return refused by the service: The return holds 1 activity…',
    );
  });
});

describe('checking', () => {
  it('lists findings, marks their cells, clears the marks on the next check, and selects a finding’s cell', async () => {
    const { pane } = await readyPane();
    const row = fillOne();
    fake.type('Saisie', `M${row}`, 100);
    fake.type('Saisie', `N${row}`, 20);
    await pane.check();
    const report = pane.state.report;
    expect(report?.errors).toBe(1);
    const i = report?.findings.findIndex((f) => f.code === 'funding_split_mismatch') ?? -1;
    const cell = report?.findings[i]?.where.cell ?? '';
    expect(fake.cellAt('Saisie', cell)?.format.borders?.EdgeLeft?.color).toBe('#C00000');
    await pane.select(i);
    expect(fake.selection).toEqual({ sheet: 'Saisie', address: cell });
    fake.type('Saisie', `N${row}`, 50);
    await pane.check();
    expect(pane.state.report?.errors).toBe(0);
    expect(fake.cellAt('Saisie', cell)?.format.borders?.EdgeLeft?.color).toBe('#BFBFBF');
  });

  it('checks offline with the plan kept in storage', async () => {
    const { pane, service, storage } = await readyPane();
    fillOne();
    pane.dispose();
    service.offline = true;
    const offline = makePane(service, storage);
    await offline.start();
    expect(offline.state.connection.status).toBe('offline');
    await offline.check();
    expect(offline.state.report?.errors).toBe(0);
  });

  it('never writes the token into the workbook', async () => {
    await readyPane();
    const everything = JSON.stringify([
      [...fake.settings],
      fake.sheets.map((s) => [...s.cells.values()].map((cols) => [...cols.values()].map((c) => c.value))),
    ]);
    expect(everything).not.toContain('pac_test.secret');
  });
});

describe('a legacy sheet', () => {
  it('is detected when the pane opens and converted into the template with its amounts', async () => {
    const index = shippedPlan();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await legacyWorkbook(index)) as unknown as ExcelJS.Buffer);
    const [ws] = wb.worksheets;
    if (!ws) throw new Error('no sheet');
    const cells = readSheet(ws);
    cells.grid.rows.forEach((row, r) => {
      row?.forEach((v, c) => {
        // An apostrophe keeps text as text, as a person would type it.
        if (v !== null && v !== undefined)
          fake.type('Feuil1', `${colLetters(c)}${r + 1}`, typeof v === 'string' ? `'${v}` : v);
      });
    });
    const service = scriptedService(PLAN, 'MARCC');
    const storage = memoryStorage({ [STORAGE_KEYS.connection]: { service: 'https://pac.test', token: 't' } });
    const pane = makePane(service, storage);
    await pane.start();
    expect(pane.state.workbook).toMatchObject({ kind: 'legacy' });
    expect(pane.state.workbook.legacyTables).toBeGreaterThan(0);
    await pane.convert();
    expect(pane.state.workbook.kind).toBe('template');
    expect(pane.state.imported?.imported).toBe(index.activitiesOf('MARCC').length);
    const costed = index.activitiesOf('MARCC').find((a) => a.cost !== null && a.years.length > 0);
    if (!costed) throw new Error('no costed MARCC activity');
    const row = rowOf(costed.code);
    const years = ['G', 'H', 'I', 'J', 'K'].map((col) => fake.valueAt('Saisie', `${col}${row}`));
    const sum = years.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    expect(sum).toBeCloseTo(costed.cost ?? 0, 6);
    await pane.check();
    expect(pane.state.report?.errors).toBe(0);
  });
});

describe('the markup', () => {
  it('says the summary in French and English, and escapes what comes from data', async () => {
    const { pane } = await readyPane();
    const row = fillOne();
    fake.type('Saisie', `N${row}`, '<b>x</b>');
    await pane.check();
    const fr = renderPane(pane.state);
    expect(fr).toContain('Connecté : CPS MARCC (MARCC)');
    expect(fr).toMatch(/id="pac-summary"[^>]*><span[^>]*>1 erreur, \d+ avertissements?</);
    expect(fr).toContain('&#60;b&#62;x&#60;/b&#62;');
    expect(fr).not.toContain('<b>x</b>');
    await pane.setLang('en');
    const en = renderPane(pane.state);
    expect(en).toContain('Connected: CPS MARCC (MARCC)');
    expect(en).toMatch(/1 error, \d+ warnings?/);
  });

  it('has the same keys in both languages', () => {
    expect(Object.keys(PANE_WORDING.en).sort()).toEqual(Object.keys(PANE_WORDING.fr).sort());
    expect(PANE_WORDING.fr.summary(3, 5)).toBe('3 erreurs, 5 avertissements');
    expect(PANE_WORDING.fr.summary(0, 1)).toBe('0 erreur, 1 avertissement');
    expect(PANE_WORDING.en.summary(1, 0)).toBe('1 error, 0 warnings');
  });
});

/** The groups of findings in the markup: [data-group, title, open]. */
const groupsIn = (html: string) =>
  [
    ...html.matchAll(/<details class="group \w+" data-group="([\w:]+)"( open)?><summary>([^<]*)<\/summary>/g),
  ].map((m) => [m[1], m[3], m[2] === ' open']);

describe('the findings in the pane', () => {
  it('are grouped by code with a count, short groups open, each finding keeping its clickable cell', async () => {
    const { pane } = await readyPane();
    const row = fillOne();
    fake.type('Saisie', `N${row}`, 'abc');
    await pane.check();
    const findings = pane.state.report?.findings ?? [];
    const unfilled = findings.filter((f) => f.code === 'line_not_filled').length;
    expect(unfilled).toBeGreaterThan(3);
    const html = renderPane(pane.state);
    const groups = groupsIn(html);
    expect(groups).toContainEqual(['warning:line_not_filled', `${unfilled} lignes à remplir`, false]);
    expect(groups).toContainEqual(['error:unreadable_number', '1 montant illisible', true]);
    // Errors first, then warnings; one group per code and severity.
    const severities = groups.map(([g]) => String(g).split(':')[0]);
    expect(severities).toEqual([...severities].sort());
    expect(new Set(groups.map(([g]) => g)).size).toBe(groups.length);
    // Every finding with a cell is listed once, its cell a button that selects it.
    const buttons = [...html.matchAll(/data-action="select" data-index="(\d+)">([^<]*)</g)];
    expect(buttons.map((m) => Number(m[1])).sort((a, b) => a - b)).toEqual(
      findings.flatMap((f, i) => (f.where.cell ? [i] : [])).sort((a, b) => a - b),
    );
    expect(buttons.find((m) => m[2] === `Saisie!N${row}`)).toBeDefined();
    expect(groupsIn(renderPane({ ...pane.state, lang: 'en' }))).toContainEqual([
      'warning:line_not_filled',
      `${unfilled} lines to fill in`,
      false,
    ]);
  });

  it('of a return sent without cells say the activity, its title and the field, and are not buttons', async () => {
    const service = scriptedService(PLAN, 'MARCC');
    const { pane } = await readyPane(service);
    fillOne();
    refusing(service, [
      finding(
        'negative_amount',
        'error',
        {
          sheet: 'JSON',
          item: 0,
          activity: '1.1.1.1',
          title: 'Former les acteurs de la chaîne pénale',
          field: 'year:2023',
        },
        { activity: '1.1.1.1', field: 'year:2023' },
        { actual: -5 },
      ),
      // Stored before findings named their activity: a path into the JSON, said as a line.
      finding(
        'negative_amount',
        'error',
        { sheet: 'JSON', cell: 'lines[3].years.2023' },
        {
          activity: '1.1.1.4',
          field: 'year:2023',
        },
      ),
    ]);
    await pane.submit();
    expect(pane.state.report).toMatchObject({ origin: 'server', errors: 2 });
    const html = renderPane(pane.state);
    expect(groupsIn(html)).toEqual([['error:negative_amount', '2 montants négatifs', true]]);
    expect(html).toContain(
      '<span class="place">Activité 1.1.1.1 « Former les acteurs de la chaîne pénale » — année 2023</span>',
    );
    expect(html).toContain('<span class="place">Ligne 4 du retour — année 2023</span>');
    expect(html).not.toContain('data-action="select"');
    expect(renderPane({ ...pane.state, lang: 'en' })).toContain(
      '<span class="place">Activity 1.1.1.1 &#34;Former les acteurs de la chaîne pénale&#34; — year 2023</span>',
    );
    // Nothing to mark or select on the sheet for them.
    const before = fake.selection;
    await pane.select(0);
    await pane.select(1);
    expect(fake.selection).toEqual(before);
  });

  it('come after the last action and the review, which stay at the top', async () => {
    const { pane } = await readyPane();
    fillOne();
    await pane.submit();
    await pane.check();
    await pane.submit();
    const html = renderPane(pane.state);
    const at = (id: string) => html.indexOf(`id="${id}"`);
    expect(at('pac-notices')).toBeGreaterThan(0);
    expect(at('pac-review')).toBeGreaterThan(at('pac-notices'));
    for (const later of ['pac-connection', 'pac-workbook', 'pac-findings'])
      expect(at(later)).toBeGreaterThan(at('pac-review'));
    expect(html).toMatch(/^<main class="pac" lang="fr">/);
  });
});

describe('buttons that cannot work yet', () => {
  const blockers = (s: PaneState) => {
    const can = availability(s);
    return { setup: can.setup, convert: can.convert, check: can.check, submit: can.submit };
  };

  it('follow what each action needs: the service, a ministry, a PAC sheet, a plan kept on this computer', async () => {
    const service = scriptedService(PLAN, 'MARCC');
    const storage = memoryStorage();
    const pane = makePane(service, storage);
    await pane.start();
    expect(blockers(pane.state)).toEqual({
      setup: ['connection'],
      convert: ['connection'],
      check: ['sheet'],
      submit: ['connection', 'sheet'],
    });
    await pane.connect('https://pac.test', 'pac_test.secret');
    expect(blockers(pane.state)).toMatchObject({ setup: [], check: ['sheet'], submit: ['sheet'] });
    // A token that is not a ministry's cannot set up a sheet nor send one.
    const consolidator = {
      ...pane.state,
      connection: { ...pane.state.connection, ministry: null, role: 'consolidator' },
    };
    expect(blockers(consolidator)).toMatchObject({ setup: ['ministry'], submit: ['ministry', 'sheet'] });
    await pane.setup();
    expect(blockers(pane.state)).toEqual({ setup: [], convert: [], check: [], submit: [] });
    // Offline with the plan kept: checking and sending (kept for later) still work.
    const offline = { ...pane.state, connection: { ...pane.state.connection, status: 'offline' as const } };
    expect(blockers(offline)).toMatchObject({ setup: [], check: [], submit: [] });
    // A PAC sheet opened on a computer that never downloaded the plan.
    const fresh = {
      ...offline,
      plan: null,
      connection: { ...offline.connection, hasToken: false, status: 'none' as const },
    };
    expect(blockers(fresh)).toMatchObject({
      setup: ['plan'],
      check: ['plan'],
      submit: ['connection', 'plan'],
    });
    // Busy: disabled, and no reason to read (the progress says what is going on).
    expect(
      renderPane({ ...pane.state, busy: { label: (w) => w.stepChecking, done: 0, total: 0 } }),
    ).toContain('<button type="button" class="primary" data-action="check" disabled>');
  });

  it('are disabled with their reason beside them, read with the button', async () => {
    const pane = makePane(scriptedService(PLAN, 'MARCC'));
    await pane.start();
    const html = renderPane(pane.state);
    expect(html).toContain(
      '<button type="button" class="primary" data-action="submit" disabled aria-describedby="pac-why-actions-connection pac-why-actions-sheet">Soumettre</button>',
    );
    expect(html).toContain(
      `<p class="reason" id="pac-why-actions-sheet">« Vérifier », « Soumettre » : le classeur n&#39;a pas encore la feuille PAC : préparez-la, ou convertissez l&#39;ancienne, d&#39;abord.</p>`,
    );
    expect(renderPane({ ...pane.state, lang: 'en' })).toContain(
      '<p class="reason" id="pac-why-actions-connection">&#34;Submit&#34;: needs a connection to the service (&#34;Connection&#34; section).</p>',
    );
  });

  it('are all disabled outside the spreadsheet, for that one reason; in Sheets the connection too', async () => {
    const excel = makePane(scriptedService(PLAN, 'MARCC'), memoryStorage(), [60_000], null);
    await excel.start();
    expect(availability(excel.state)).toMatchObject({
      connect: [],
      setup: ['host'],
      check: ['host'],
      submit: ['host'],
      fix: ['host'],
    });
    expect(renderPane(excel.state)).toContain(
      `<p id="pac-host-problem" class="notice error" role="alert">${'Excel n&#39;est pas disponible : ouvrez ce volet depuis Excel, onglet PAC.'}</p>`,
    );
    const sheets = new PaneController({
      host: null,
      connectionNeedsHost: true,
      transport: scriptedService(PLAN, 'MARCC'),
      storage: memoryStorage(),
      defaultService: '',
    });
    expect(availability(sheets.state).connect).toEqual(['host']);
    await sheets.connect('https://pac.test', 't');
    expect(sheets.state.connection.hasToken).toBe(false);
    expect(availability({ ...excel.state, hostProblem: 'tooOld' }).check).toEqual(['hostTooOld']);
  });
});

describe('group titles', () => {
  it('count in each language, French taking the singular below 2', () => {
    expect(GROUP_TITLES.fr.line_not_filled(13)).toBe('13 lignes à remplir');
    expect(GROUP_TITLES.fr.line_not_filled(1)).toBe('1 ligne à remplir');
    expect(GROUP_TITLES.fr.amount_as_text(3)).toBe('3 montants saisis comme du texte');
    expect(GROUP_TITLES.en.amount_as_text(3)).toBe('3 amounts typed as text');
    expect(GROUP_TITLES.en.line_not_filled(1)).toBe('1 line to fill in');
    expect(Object.keys(GROUP_TITLES.en).sort()).toEqual(Object.keys(GROUP_TITLES.fr).sort());
  });
});
