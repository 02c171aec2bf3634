/**
 * The checks of an execution return, run the same way in the add-ins, `pac validate` and the
 * service: each line is one activity of the ministry's, once (or it is reported, as a planning
 * return's lines are); nothing is negative; nothing is disbursed that was not committed, source
 * by source; a commitment well above what was planned for the year is a warning (the threshold is
 * the plan's), so is execution where nothing was planned; the state agrees with the amounts; an
 * activity withdrawn from the plan takes no execution. Findings come as one report, in reading
 * order, with the activities' titles.
 */

import { ministriesFor } from '../checks/plan-membership.ts';
import { type Finding, finding, formatWhere, type Where } from '../findings.ts';
import { type Money, moneyToNumber } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import { nameActivities, type Report, reportOf } from '../run.ts';
import {
  EXECUTION_AMOUNT_FIELDS,
  type ExecutionField,
  type ExecutionLine,
  type ParsedExecution,
  type Planned,
} from './model.ts';

export interface ExecutionCheckOptions {
  /** The ministry the return is for; null checks it as the whole plan's. */
  ministry: string | null;
  /** What was planned for each activity in the period's year. */
  planned: ReadonlyMap<string, Planned>;
  /** How far above the year's plan a commitment may go before it is flagged, in percent (default 10). */
  threshold?: number;
  /** Activities of earlier versions of the plan that the current one no longer has. */
  withdrawn?: ReadonlySet<string>;
  /** Findings already made while reading the workbook. */
  readingFindings?: readonly Finding[];
}

export const DEFAULT_OVERRUN_THRESHOLD = 10;

const where = (line: ExecutionLine, field: ExecutionField): Where => {
  const cell = line.cells[field];
  const w: Where = cell === undefined ? { sheet: line.sheet, item: line.index } : { sheet: line.sheet, cell };
  if (line.activity !== null) w.activity = line.activity;
  w.field = field;
  return w;
};

const num = (v: Money | null) => (v === null ? null : moneyToNumber(v));

function hasExecution(line: ExecutionLine): boolean {
  return EXECUTION_AMOUNT_FIELDS.some((f) => (line[f] ?? 0n) !== 0n);
}

/** "12.5" for (part − whole) ÷ whole in percent, one decimal, half away from zero. */
function overPercent(part: Money, whole: Money): string {
  const tenths = ((part - whole) * 1000n + whole / 2n) / whole;
  return `${tenths / 10n}.${tenths % 10n}`;
}

function membership(index: PlanIndex, parsed: ParsedExecution, opts: ExecutionCheckOptions): Finding[] {
  const findings: Finding[] = [];
  const owners = opts.ministry === null ? null : ministriesFor(index, opts.ministry);
  const first = new Map<string, ExecutionLine>();
  for (const line of parsed.lines) {
    const code = line.activity;
    if (code === null) {
      if (hasExecution(line))
        findings.push(finding('missing_activity_code', 'error', where(line, 'activity'), {}));
      continue;
    }
    const seen = first.get(code);
    if (seen) {
      findings.push(
        finding('duplicate_line', 'error', where(line, 'activity'), {
          activity: code,
          firstCell: formatWhere(where(seen, 'activity')),
        }),
      );
      continue;
    }
    first.set(code, line);
    const activity = index.activity(code);
    if (!activity) {
      if (opts.withdrawn?.has(code)) {
        if (hasExecution(line) || (line.state !== null && line.state !== 'abandoned'))
          findings.push(
            finding('execution_on_withdrawn', 'error', where(line, 'activity'), { activity: code }),
          );
      } else
        findings.push(
          finding('unknown_activity', 'error', where(line, 'activity'), { activity: code }, { actual: code }),
        );
      continue;
    }
    if (owners && opts.ministry !== null && !index.ministriesOf(activity).some((m) => owners.has(m))) {
      findings.push(
        finding(
          'activity_not_owned',
          'error',
          where(line, 'activity'),
          { activity: code, responsible: activity.responsibleAsWritten, ministry: opts.ministry },
          { expected: activity.responsibleAsWritten, actual: opts.ministry },
        ),
      );
    }
  }
  if (owners && opts.ministry !== null) {
    const sheet = parsed.lines[0]?.sheet ?? 'Exécution';
    const listed = new Set<string>();
    for (const m of owners)
      for (const a of index.activitiesOf(m)) {
        if (first.has(a.code) || listed.has(a.code)) continue;
        listed.add(a.code);
        findings.push(
          finding(
            'activity_missing',
            'warning',
            { sheet, activity: a.code },
            { activity: a.code, ministry: opts.ministry },
            { expected: a.code, actual: null },
          ),
        );
      }
  }
  return findings;
}

function amounts(index: PlanIndex, parsed: ParsedExecution, opts: ExecutionCheckOptions): Finding[] {
  const findings: Finding[] = [];
  const owners = opts.ministry === null ? null : ministriesFor(index, opts.ministry);
  const threshold = BigInt(Math.round((opts.threshold ?? DEFAULT_OVERRUN_THRESHOLD) * 10));
  for (const line of parsed.lines) {
    const activity = line.activity ?? '';
    for (const field of EXECUTION_AMOUNT_FIELDS) {
      const v = line[field];
      if (v !== null && v < 0n)
        findings.push(
          finding('execution_negative', 'error', where(line, field), { activity, field }, { actual: num(v) }),
        );
    }
    for (const source of ['national', 'external'] as const) {
      const committed = source === 'national' ? line.committedNational : line.committedExternal;
      const disbursed = source === 'national' ? line.disbursedNational : line.disbursedExternal;
      const field = source === 'national' ? 'disbursedNational' : 'disbursedExternal';
      const unsure =
        line.unreadable.includes(field) ||
        line.unreadable.includes(field.replace('disbursed', 'committed') as ExecutionField);
      if (unsure || disbursed === null || disbursed <= (committed ?? 0n)) continue;
      findings.push(
        finding(
          'disbursed_over_committed',
          'error',
          where(line, field),
          { activity, source },
          { expected: num(committed ?? 0n), actual: num(disbursed) },
        ),
      );
    }
    // Against the plan only for the ministry's own activities: another's line is refused whole.
    const planActivity = line.activity === null ? undefined : index.activity(line.activity);
    if (!planActivity || (owners && !index.ministriesOf(planActivity).some((m) => owners.has(m)))) continue;
    if (line.activity === null) continue;
    const committed = (line.committedNational ?? 0n) + (line.committedExternal ?? 0n);
    const disbursed = (line.disbursedNational ?? 0n) + (line.disbursedExternal ?? 0n);
    const planned = opts.planned.get(line.activity);
    if (planned?.amount && planned.amount > 0n) {
      // Above by more than the threshold: committed × 1000 > planned × (1000 + 10 × threshold).
      if (committed * 1000n > planned.amount * (1000n + threshold))
        findings.push(
          finding(
            'committed_over_planned',
            'warning',
            where(line, 'committedTotal'),
            {
              activity,
              percent: overPercent(committed, planned.amount),
              threshold: `${threshold / 10n}${threshold % 10n ? `.${threshold % 10n}` : ''}`,
            },
            { expected: num(planned.amount), actual: num(committed) },
          ),
        );
    } else if (committed > 0n || disbursed > 0n) {
      findings.push(finding('execution_not_planned', 'warning', where(line, 'committedTotal'), { activity }));
    }
    if (line.state === 'not_started' && disbursed > 0n)
      findings.push(
        finding('execution_state_mismatch', 'warning', where(line, 'state'), { activity, state: line.state }),
      );
    else if ((line.state === 'done' || line.state === 'ongoing') && committed === 0n && disbursed === 0n)
      findings.push(
        finding('execution_state_mismatch', 'warning', where(line, 'state'), { activity, state: line.state }),
      );
  }
  return findings;
}

export function runExecutionChecks(
  index: PlanIndex,
  parsed: ParsedExecution,
  opts: ExecutionCheckOptions,
): Report {
  const findings = [
    ...(opts.readingFindings ?? []),
    ...membership(index, parsed, opts),
    ...amounts(index, parsed, opts),
  ];
  nameActivities(index, findings);
  return reportOf(findings, parsed.lines.length);
}
