/**
 * Shared pieces of the mirror tests: the real googleapis client pointed at the stand-in, the grid a
 * WorkbookSpec should leave in a tab, and small workbooks built from what the store holds.
 */
import {
  buildTemplateSpec,
  formulaForLocale,
  isFormula,
  parseRange,
  type SheetSpec,
  usesDecimalComma,
  type WorkbookSpec,
} from '#core';
import type { VirtualClock } from '../../../server/mirror/clock.ts';
import type { OutboxWorker, TickResult } from '../../../server/mirror/outbox-worker.ts';
import { createSheetsClient, type SheetsApi } from '../../../server/mirror/sheets-client.ts';
import { sheetExtent } from '../../../server/mirror/sheets-requests.ts';
import type { Store } from '../../../server/store/store.ts';
import { syntheticIndex } from '../../core/template/synthetic-plan.ts';
import type { ModelCell, SheetsStandIn } from '../../fixtures/sheets-standin.ts';

export function standInClient(standIn: SheetsStandIn, timeoutMs = 5_000): Promise<SheetsApi> {
  return createSheetsClient({
    credentials: { kind: 'access-token', token: 'test' },
    rootUrl: standIn.rootUrl,
    timeoutMs,
  });
}

/** What the tab should hold: values as they are, PAC's formulas as formulas, cells under a merge empty. */
export function expectedGrid(sheet: SheetSpec, locale: string): ModelCell[][] {
  const away = new Set<string>();
  for (const m of sheet.merges) {
    const r = parseRange(m);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++)
        if (row !== r.top || col !== r.left) away.add(`${row - 1}:${col}`);
    }
  }
  const { columns } = sheetExtent(sheet);
  const grid: ModelCell[][] = Array.from({ length: sheet.cells.length }, (_, r) =>
    Array.from({ length: columns }, (_, c) => {
      const cell = sheet.cells[r]?.[c];
      if (cell === undefined || cell === null || away.has(`${r}:${c}`)) return null;
      if (isFormula(cell)) return { formula: `=${formulaForLocale(cell.formula, usesDecimalComma(locale))}` };
      return cell === '' ? null : cell;
    }),
  );
  return trim(grid);
}

/** Trailing empty rows and cells removed, as the stand-in reports a tab. */
export function trim(grid: ModelCell[][]): ModelCell[][] {
  let rows = 0;
  let cols = 0;
  grid.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v !== null) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }
    });
  });
  return grid.slice(0, rows).map((row) => Array.from({ length: cols }, (_, c) => row[c] ?? null));
}

export const GENERATED_AT = '2025-03-01T08:00:00Z';

/** A whole-plan template with formula-looking titles: the plan's text must stay text in the sheet. */
export function formulaTextSpec(activities = 40): WorkbookSpec {
  const index = syntheticIndex({
    activities,
    title: (i, code) =>
      i % 3 === 0
        ? `=HYPERLINK("http://evil.example/${code}","cliquez")`
        : i % 3 === 1
          ? `+33 ${code}`
          : `@${code}`,
  });
  return buildTemplateSpec(index, { ministry: null, lang: 'fr', generatedAt: GENERATED_AT });
}

/**
 * The workbook as the store's data stands: one row per ministry's latest return (its version and
 * payload), so every change shows up as a different cell and a duplicated row would be visible.
 */
export async function workbookFromStore(store: Store): Promise<WorkbookSpec> {
  const latest = await store.latestSubmissions();
  const sheet: SheetSpec = {
    key: 'other',
    name: 'Retours',
    state: 'visible',
    cells: [
      ['Ministère', 'Version', 'Contenu', 'Double'],
      ...latest.map((s, i) => [s.ministry, s.version, JSON.stringify(s.payload), { formula: `B${i + 2}*2` }]),
    ],
    columns: [{ width: 12 }, { width: 8 }, { width: 40 }, { width: 8 }],
    styles: [{ range: 'A1:D1', style: 'header' }],
    numberFormats: [],
    unlocked: [],
    protect: false,
    freeze: { rows: 1, columns: 0 },
    merges: [],
    validations: [],
    conditionalFormats: [],
  };
  return {
    sheets: [sheet],
    meta: {
      templateId: 'pac-consolidated',
      templateVersion: '1',
      planId: 'test',
      planVersion: '1',
      ministry: null,
      lang: 'fr',
      generatedAt: GENERATED_AT,
      years: [2021],
    },
  };
}

/** A small seeded generator (mulberry32), so jittered schedules replay exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TimedEvent {
  at: number;
  run: () => Promise<void>;
}

/**
 * Plays the worker on a virtual clock: ticks whenever the worker says something is due, runs each
 * event at its time, and stops once nothing is pending and no event is left (or at `until`).
 * Returns every tick's result.
 */
export async function drive(
  worker: OutboxWorker,
  clock: VirtualClock,
  events: TimedEvent[] = [],
  until = Number.POSITIVE_INFINITY,
): Promise<TickResult[]> {
  const queue = [...events].sort((a, b) => a.at - b.at);
  const results: TickResult[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    while (queue[0] && queue[0].at <= clock.now()) await queue.shift()?.run();
    const result = await worker.tick();
    results.push(result);
    const next = Math.min(
      result.nextAt ?? Number.POSITIVE_INFINITY,
      queue[0]?.at ?? Number.POSITIVE_INFINITY,
    );
    if (next === Number.POSITIVE_INFINITY) return results;
    if (next > until) {
      clock.advanceTo(until);
      return results;
    }
    clock.advanceTo(next);
  }
  throw new Error('drive: the worker never settled');
}
