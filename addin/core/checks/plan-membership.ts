/**
 * Each line is one activity of the plan, once, and (for a ministry's return) one of that
 * ministry's activities; each of the ministry's activities has its line.
 */
import { carriesAmount } from '../amount-vector.ts';
import { type Finding, finding, formatWhere } from '../findings.ts';
import { SHEET_NAMES } from '../layout.ts';
import type { Line } from '../model.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';
import { lineAt, NO_CODE, returnCheck, UNKNOWN_CODE } from './line-data.ts';
import { planTables } from './plan-tables.ts';
import { whereOf } from './shared.ts';

/** The ministry codes a return's ministry stands for ("MRN-APR" is MRN; a code is itself). */
export function ministriesFor(index: PlanIndex, ministry: string): Set<string> {
  return new Set(index.resolveMinistry(ministry) ?? [ministry]);
}

const OWNED = 1;
const NOT_OWNED = 2;

export const planMembershipCheck = returnCheck({
  id: 'plan-membership',
  codes: [
    'missing_activity_code',
    'unknown_activity',
    'activity_not_owned',
    'duplicate_line',
    'activity_missing',
  ],
  start({ index, ret, ministry }) {
    const findings: Finding[] = [];
    const { activities, position } = planTables(index);
    const owners = ministry === null ? null : ministriesFor(index, ministry);
    // The first line of each plan activity (line index + 1, 0 when none yet), and of each code
    // the plan does not have; an activity's ownership, worked out the first time it comes up.
    const firstOf = new Int32Array(activities.length);
    const firstUnknown = new Map<string, number>();
    const ownership = new Uint8Array(activities.length);
    const duplicate = (line: Line, first: number, code: string) => {
      const firstCell = formatWhere(whereOf(ret.lines[first] as Line, 'activity'));
      findings.push(
        finding('duplicate_line', 'error', whereOf(line, 'activity'), { activity: code, firstCell }),
      );
    };
    return {
      lines(chunk) {
        for (let j = 0; j < chunk.count; j++) {
          const p = chunk.activity[j] as number;
          const i = chunk.first + j;
          if (p === NO_CODE) {
            if (carriesAmount(chunk.amounts, j))
              findings.push(
                finding('missing_activity_code', 'error', whereOf(lineAt(chunk, j), 'activity'), {}),
              );
            continue;
          }
          if (p === UNKNOWN_CODE) {
            const line = lineAt(chunk, j);
            const code = line.activity as string;
            const first = firstUnknown.get(code);
            if (first !== undefined) duplicate(line, first, code);
            else {
              firstUnknown.set(code, i);
              const where = whereOf(line, 'activity');
              findings.push(
                finding('unknown_activity', 'error', where, { activity: code }, { actual: code }),
              );
            }
            continue;
          }
          const first = firstOf[p] as number;
          if (first > 0) {
            const line = lineAt(chunk, j);
            duplicate(line, first - 1, line.activity as string);
            continue;
          }
          firstOf[p] = i + 1;
          if (!owners || ministry === null) continue;
          const activity = activities[p] as Activity;
          // A joint activity ("MARCC-MRN") belongs to every ministry named.
          if (ownership[p] === 0)
            ownership[p] = index.ministriesOf(activity).some((m) => owners.has(m)) ? OWNED : NOT_OWNED;
          if (ownership[p] === OWNED) continue;
          findings.push(
            finding(
              'activity_not_owned',
              'error',
              whereOf(lineAt(chunk, j), 'activity'),
              { activity: activity.code, responsible: activity.responsibleAsWritten, ministry },
              { expected: activity.responsibleAsWritten, actual: ministry },
            ),
          );
        }
      },
      finish() {
        if (!owners || ministry === null) return findings;
        const sheet = ret.lines[0]?.sheet ?? SHEET_NAMES.entry.fr;
        const listed = new Set<string>();
        for (const m of owners) {
          for (const activity of index.activitiesOf(m)) {
            const p = position.get(activity.code);
            const lined = p === undefined ? firstUnknown.has(activity.code) : (firstOf[p] as number) > 0;
            if (lined || listed.has(activity.code)) continue;
            listed.add(activity.code);
            findings.push(
              finding(
                'activity_missing',
                'warning',
                { sheet },
                { activity: activity.code, ministry },
                { expected: activity.code, actual: null },
              ),
            );
          }
        }
        return findings;
      },
    };
  },
});
