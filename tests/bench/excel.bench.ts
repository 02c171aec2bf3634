/**
 * The Excel adapter's cost per pane action — set up, check, submit — on 100, 5,000 and 20,000
 * lines of one ministry, with the counting fake Excel: round trips (`context.sync()` calls, what a
 * slow line pays for) beside the floor the 5 MB limit sets for the bytes they carry, the largest
 * request and response, and the time spent in the adapter and the pane (the fake's own time
 * carrying commands out is taken off; real Excel's is not measured).
 */
import { type Activity, PaneController, Plan } from '#core';
import { createExcelHost } from '../../addin/excel/excel-host.ts';
import { syntheticPlan } from '../core/template/synthetic-plan.ts';
import { FakeExcel, LIMIT_BYTES, type SyncRecord } from '../excel/fake-excel.ts';
import { memoryStorage, scriptedService } from '../excel/pane-fixtures.ts';

const noYield = async () => {};

function oneMinistry(n: number): Plan {
  const base = syntheticPlan({ activities: n });
  const activities: Activity[] = base.activities.map((a) => ({
    ...a,
    responsible: 'M01',
    jointWith: [],
    responsibleAsWritten: 'M01',
  }));
  return Plan.parse({ ...base, activities });
}

interface Measure {
  syncs: SyncRecord[];
  adapterMs: number;
}

async function measure(fake: FakeExcel, action: () => Promise<void>): Promise<Measure> {
  fake.resetCounters();
  const started = performance.now();
  await action();
  const total = performance.now() - started;
  const fakeMs = fake.syncs.reduce((t, s) => t + s.ms, 0);
  return { syncs: [...fake.syncs], adapterMs: total - fakeMs };
}

/**
 * The syncs that carry an action's bytes and the fewest the limit allows for them: for a set-up,
 * the requests that write (the others only read sheet names: a response of a few hundred bytes);
 * for a check, the responses that bring the sheets back (before them one sync reads the sheet
 * names, the marks and the protection; after them one sends the marks: a few kilobytes each way).
 */
function payload(action: string, syncs: readonly SyncRecord[]) {
  const writing = action === 'set up';
  const carrying = writing ? syncs.filter((s) => s.responseBytes === 0) : syncs.slice(1, -1);
  const bytes = carrying.reduce((n, s) => n + (writing ? s.requestBytes : s.responseBytes), 0);
  return { carrying: carrying.length, bytes, floor: Math.ceil(bytes / LIMIT_BYTES) };
}

const mb = (b: number) =>
  b >= 1_000_000 ? `${(b / 1_000_000).toFixed(2)} MB` : `${Math.round(b / 1000)} KB`;
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);

export async function bench(): Promise<string> {
  const rows: string[] = [
    '| lines | action | syncs | of which carry the bytes | floor: bytes ÷ 5 MB | bytes carried | largest request | largest response | time in adapter and pane |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of [100, 5_000, 20_000]) {
    const fake = new FakeExcel({ asyncSync: false });
    fake.install();
    const service = scriptedService(oneMinistry(n), 'M01');
    const pane = new PaneController({
      host: createExcelHost({ yieldToUi: noYield }),
      transport: service,
      storage: memoryStorage(),
      defaultService: 'https://pac.bench',
      tick: noYield,
    });
    await pane.connect('https://pac.bench', 'bench');
    const results: [string, Measure][] = [
      ['set up', await measure(fake, () => pane.setup())],
      ['check', await measure(fake, () => pane.check())],
      ['submit', await measure(fake, () => pane.submit())],
    ];
    if (pane.state.receipt?.version !== 1) throw new Error(`bench: the ${n}-line return was not sent`);
    pane.dispose();
    for (const [action, m] of results) {
      const p = payload(action, m.syncs);
      const largest = (f: (s: SyncRecord) => number) => m.syncs.reduce((x, s) => Math.max(x, f(s)), 0);
      rows.push(
        `| ${n.toLocaleString('en')} | ${action} | ${m.syncs.length} | ${p.carrying} | ${p.floor} | ${mb(p.bytes)} | ` +
          `${mb(largest((s) => s.requestBytes))} | ${mb(largest((s) => s.responseBytes))} | ${ms(m.adapterMs)} |`,
      );
    }
  }
  return [
    'Pane actions through the Excel adapter on the counting fake (one ministry, all lines its own).',
    'Requests are measured as Office.js builds them (actions and object paths, UTF-8); the limit is',
    "Excel on the web's 5 MB, read as 5,000,000 bytes. Set up: one sync reads the workbook's sheet",
    'names, one more the names again before writing, then the writes, at the floor their bytes allow.',
    'Check and submit: one sync reads the sheet names, the marks and the protection, then the sheets',
    'themselves in as many responses as their bytes need (one up to 6,000 rows), then one marks.',
    '',
    ...rows,
  ].join('\n');
}
