/**
 * The plan document's own numbering slips, reported the way a ministry's would be: codes printed
 * twice, activity codes whose prefix is not their result's, results printed without a code, and
 * activities whose execution years are not printed. Each points at the document line; the
 * canonical plan's recorded correction says what PAC did about it.
 */
import { type Finding, finding, type Where } from '../findings.ts';
import type { Activity, Plan } from '../schemas/plan.ts';
import type { PlanCheck } from './types.ts';

/** A code as printed, compared without spaces (including no-break ones) or a final dot. */
function printedKey(code: string): string {
  return code.replace(/[\s\u00a0\u202f]+/g, '').replace(/\.$/, '');
}

/** Findings about the document point at its text file and line ("pnlevt-….txt:2422"). */
export function documentWhere(plan: Plan, line: number): Where {
  return { sheet: plan.plan.source.file, line };
}

export const documentCodesCheck: PlanCheck = {
  id: 'document-codes',
  codes: [
    'duplicate_activity_code',
    'activity_code_prefix_mismatch',
    'result_without_code',
    'execution_years_missing',
  ],
  run({ index }) {
    const plan = index.plan;
    const findings: Finding[] = [];

    // Printed codes seen more than once. The occurrence that kept its code is the reference; every
    // other one is reported with what it was renumbered to.
    const printed = new Map<string, Activity[]>();
    for (const a of plan.activities) {
      if (a.source.code === null) continue;
      const k = printedKey(a.source.code);
      const list = printed.get(k);
      if (list) list.push(a);
      else printed.set(k, [a]);
    }
    for (const [code, list] of printed) {
      if (list.length < 2) continue;
      const kept = list.find((a) => a.code === code) ?? (list[0] as Activity);
      for (const a of list) {
        if (a === kept) continue;
        const correction = a.corrections?.find((c) => c.kind === 'renumbered_duplicate');
        const correctedTo = correction?.correctedTo ?? a.code;
        findings.push(
          finding(
            'duplicate_activity_code',
            'error',
            documentWhere(plan, a.source.line),
            { code, firstLine: kept.source.line, correctedTo },
            { expected: correctedTo, actual: code },
          ),
        );
      }
    }

    for (const a of plan.activities) {
      if (!a.code.startsWith(`${a.result}.`)) {
        findings.push(
          finding(
            'activity_code_prefix_mismatch',
            'warning',
            documentWhere(plan, a.source.line),
            { code: a.code, result: a.result },
            { expected: `${a.result}.…`, actual: a.code },
          ),
        );
      }
      const missingYears = a.corrections?.find((c) => c.kind === 'missing_year_row');
      if (a.years.length === 0 && missingYears) {
        findings.push(
          finding(
            'execution_years_missing',
            'warning',
            documentWhere(plan, missingYears.line),
            { activity: a.code },
            { actual: null },
          ),
        );
      }
    }

    for (const r of plan.results) {
      if (r.source.code !== null) continue;
      const inferred = r.corrections?.find((c) => c.kind === 'inferred_result_code')?.correctedTo ?? r.code;
      findings.push(
        finding(
          'result_without_code',
          'warning',
          documentWhere(plan, r.source.line),
          { result: r.title, inferred },
          { expected: inferred, actual: null },
        ),
      );
    }
    return findings;
  },
};
