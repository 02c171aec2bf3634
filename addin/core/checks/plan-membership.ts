/**
 * Each line is one activity of the plan, once, and (for a ministry's return) one of that
 * ministry's activities; each of the ministry's activities has its line.
 */
import { type Finding, finding, formatWhere } from '../findings.ts';
import { SHEET_NAMES } from '../layout.ts';
import type { Line } from '../model.ts';
import type { PlanIndex } from '../plan-index.ts';
import { hasAmountAt, lineData } from './line-data.ts';
import { whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

/** The ministry codes a return's ministry stands for ("MRN-APR" is MRN; a code is itself). */
export function ministriesFor(index: PlanIndex, ministry: string): Set<string> {
  return new Set(index.resolveMinistry(ministry) ?? [ministry]);
}

export const planMembershipCheck: ReturnCheck = {
  id: 'plan-membership',
  codes: [
    'missing_activity_code',
    'unknown_activity',
    'activity_not_owned',
    'duplicate_line',
    'activity_missing',
  ],
  run(ctx) {
    const { index, ret, ministry } = ctx;
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const owners = ministry === null ? null : ministriesFor(index, ministry);
    const first = new Map<string, Line>();
    ret.lines.forEach((line, i) => {
      const code = line.activity;
      if (code === null) {
        if (hasAmountAt(data, i, line))
          findings.push(finding('missing_activity_code', 'error', whereOf(line, 'activity'), {}));
        return;
      }
      const where = whereOf(line, 'activity');
      const seen = first.get(code);
      if (seen) {
        const firstCell = formatWhere(whereOf(seen, 'activity'));
        findings.push(finding('duplicate_line', 'error', where, { activity: code, firstCell }));
        return;
      }
      first.set(code, line);
      const activity = data.activities[i];
      if (!activity) {
        findings.push(finding('unknown_activity', 'error', where, { activity: code }, { actual: code }));
        return;
      }
      // A joint activity ("MARCC-MRN") belongs to every ministry named.
      if (owners && ministry !== null && !index.ministriesOf(activity).some((m) => owners.has(m))) {
        findings.push(
          finding(
            'activity_not_owned',
            'error',
            where,
            { activity: code, responsible: activity.responsibleAsWritten, ministry },
            { expected: activity.responsibleAsWritten, actual: ministry },
          ),
        );
      }
    });
    if (owners && ministry !== null) {
      const sheet = ret.lines[0]?.sheet ?? SHEET_NAMES.entry.fr;
      const listed = new Set<string>();
      for (const m of owners) {
        for (const activity of index.activitiesOf(m)) {
          if (first.has(activity.code) || listed.has(activity.code)) continue;
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
    }
    return findings;
  },
};
