/**
 * English wording, the same sentences as fr.ts: what is wrong, about which activity or table, and
 * what to do. One exhaustive switch: a new code does not compile until it has its wording.
 */
import type { Finding } from '../findings.ts';
import { DEFAULT_PLAN_WORDS, envelopeInSentence, type PlanWords } from '../plan-words.ts';
import {
  activityName,
  amount,
  amountWithUnit,
  fieldInWords,
  fieldName,
  fieldPhrase,
  percent,
  plural,
  shorten,
  signedAmount,
  tolerance,
} from './format.ts';

const a = (code: string) => `Activity ${activityName(code, 'en')}`;
const n = (value: number | string | null | undefined) => amount(value, 'en');
/** What a total cell says: "shows 1,500" or "is empty". */
const says = (value: number | string | null | undefined) =>
  value === null || value === undefined ? 'is empty' : `shows ${n(value)}`;

const LEVELS: Record<string, string> = {
  result: 'result',
  objective: 'strategic objective',
  pillar: 'pillar',
  ministry: 'ministry',
};

/**
 * The finding in English, with the plan's unit, code shape, year marks and summary table
 * (DEFAULT_PLAN_WORDS when the caller has no plan at hand).
 */
export function messageEn(f: Finding, words: PlanWords = DEFAULT_PLAN_WORDS): string {
  const U = words.unit.en;
  const nu = (value: number | string | null | undefined) => amountWithUnit(value, 'en', words.unit);
  const tol = (decimal: string) => tolerance(decimal, 'en', words.unit);
  switch (f.code) {
    // Reading cells
    case 'unreadable_number':
      return `Unreadable amount: "${f.params.text}" is not a number. Enter an amount in ${U} (e.g. 1500 or 1500.5), "PM" for an activity that is not costed, or leave the cell empty.`;
    case 'ambiguous_number':
      return `Ambiguous amount: "${f.params.text}" may read as ${n(f.params.asThousands)} or ${nu(f.params.asDecimal)}, and typed so it is text, which the sheet's totals do not count. Type it again as a number, without thousands separators (e.g. 1500.5).`;
    case 'amount_as_text':
      return `Amount typed as text ("${f.params.text}"): the sheet's totals (line total, subtotals, Summary) do not count it, while it reads as ${nu(f.params.value)}. Convert it to a number: PAC's "Convert to numbers" button, or type it again without an apostrophe or spaces between thousands.`;
    case 'pm_in_costed_amount':
      return `${a(f.params.activity)}: "PM" in an amount of a "Costed" line; the sheet's totals count it as nothing. Enter the amount, or choose the type "PM" if the activity is not costed (and then leave its amounts empty).`;
    case 'error_value':
      return `The cell shows the error ${f.params.value} instead of an amount: the line total, the subtotals and the Summary show an error too. Enter the amount, or clear the cell.`;
    case 'formula_in_input':
      return f.params.value === null
        ? `This cell holds a formula ("=${shorten(f.params.formula)}") where a value is typed: the sheet counts whatever it computes, which can change without anyone seeing it, and PAC does not read it. Replace it with the intended value (Copy, then Paste Special › Values).`
        : `This cell holds a formula ("=${shorten(f.params.formula)}") where an amount is typed: the sheet counts its result (${nu(f.params.value)}), but an amount sent must be typed. Replace it with its value: PAC's "Convert to numbers" button, or Copy then Paste Special › Values.`;
    case 'rows_reordered':
      return `The sheet's rows were sorted or moved: activity ${f.params.activity} ${f.params.under === '' ? "is no longer under its result's subtotal" : `now sits under "${f.params.under}"`}${f.params.count > 1 ? ` (${plural(f.params.count, 'activity', 'activities')} outside their result)` : ''}. The printed subtotals therefore no longer add up the right activities. Undo the sort (Ctrl+Z), or click "Update" in PAC to put the rows back in the plan's order without losing any amount.`;
    case 'unreadable_mark':
      return `Unreadable execution mark: "${f.params.text}". Put "X" in the years the activity is carried out, or leave the cell empty.`;
    case 'unreadable_nature':
      return `Unreadable type: "${f.params.text}". Choose "Costed" or "PM" from the list.`;
    case 'unknown_year':
      return `${a(f.params.activity)}: ${f.params.year} is not a year of the plan; the value is ignored. Move it to a year of the plan or remove it.`;
    case 'entry_header_missing':
      return `Header row not found: no "Code" cell in column A among the first rows. Use the PAC template's "Saisie" sheet without deleting its header row.`;
    case 'entry_column_mismatch':
      return `This column should be headed "${f.params.expected.en}" but says "${f.params.actual}": columns were moved or renamed. Restore the template's columns before sending.`;
    case 'formula_modified':
      return `The template's formula (=${shorten(f.params.template)}) was replaced by "=${shorten(f.params.formula)}": what the sheet prints here is no longer the total PAC checks. Restore the template's formula (copy it from a neighbouring row, or click "Update" in PAC).`;
    case 'legacy_row_not_mapped': {
      const p = f.params;
      switch (p.reason) {
        case 'no_code':
          return `Row without an activity code at the start of its text ("${shorten(p.title)}"): it is not taken. Put the code of the plan's activity (e.g. ${words.exampleCode}) at the start of the text.`;
        case 'unknown_code':
          return `Code "${p.code}" is not an activity of the plan: the row is not taken. Correct the code (e.g. ${words.exampleCode}).`;
        case 'ambiguous_code':
          return `Code "${p.code}" names several activities of the plan (${p.related.join(', ')}) and neither the result nor the title tells them apart: the row is not taken. Use the plan's code.`;
        case 'title_conflict':
          return `Code "${p.code}" does not match the row's title, which is activity ${p.related.join(', ')}'s: the row is not taken. Correct the code or the title.`;
        case 'duplicate':
          return `Activity ${p.code} is already listed above (${p.related.join(', ')}): this row is not taken. Keep one row per activity.`;
      }
      break;
    }
    // One line
    case 'missing_activity_code':
      return `Line without an activity code although it carries amounts. Enter the code of the plan's activity (e.g. ${words.exampleCode}) or clear the line.`;
    case 'negative_amount':
      return `${a(f.params.activity)}: negative amount (${nu(f.actual)}) in ${fieldPhrase(f.params.field, 'en')}. Planned amounts are zero or more: fix the sign.`;
    case 'line_total_mismatch':
      return f.actual === null
        ? `${a(f.params.activity)}: the years add up to ${nu(f.expected)} but the total is empty (${tol(f.params.tolerance)}). Fill in the total.`
        : `${a(f.params.activity)}: the years add up to ${nu(f.expected)}, not the total (${n(f.actual)}; ${tol(f.params.tolerance)}). Correct the yearly amounts or the total.`;
    case 'funding_split_mismatch':
      return `${a(f.params.activity)}: national budget + external come to ${nu(f.expected)}, the total is ${n(f.actual)} (${tol(f.params.tolerance)}). Split the total exactly between national budget and external funding.`;
    case 'pm_with_amounts':
      return `${a(f.params.activity)}: marked "PM" (listed, not costed) but it carries amounts (${nu(f.actual)}). Remove the amounts, or choose "Costed".`;
    case 'costed_without_amounts':
      return `${a(f.params.activity)}: marked "Costed" but no amount is entered. Enter its yearly amounts, or choose "PM" if it is not costed.`;
    case 'line_not_filled':
      return `${a(f.params.activity)}: line still to fill (no type, no amount). Enter its yearly amounts, or choose "PM" if it is not costed.`;
    case 'amount_outside_execution':
      return `${a(f.params.activity)}: ${nu(f.actual)} planned in ${f.params.year}, a year not marked for execution. Mark ${f.params.year} (X) or move the amount to a marked year.`;
    case 'execution_without_amount':
      return `${a(f.params.activity)}: ${f.params.year} is marked for execution but has no amount. Enter the ${f.params.year} amount or unmark the year.`;
    // The line against the plan
    case 'unknown_activity':
      return `Code "${f.params.activity}" is not an activity of the plan. Correct the code (e.g. ${words.exampleCode}); an activity outside the plan cannot be costed here.`;
    case 'activity_not_owned':
      return `${a(f.params.activity)}: the plan makes ${f.params.responsible} responsible for it, not ${f.params.ministry}. Remove this line; ${f.params.responsible} costs it in its own return.`;
    case 'duplicate_line':
      return `${a(f.params.activity)}: already entered at ${f.params.firstCell}. Keep one line per activity: move the amounts there and delete this one.`;
    case 'activity_missing':
      return `${a(f.params.activity)}: an activity of the plan under ${f.params.ministry}, missing from the return. Add its line, with its amounts or "PM".`;
    // Roll-ups and summary tables
    case 'subtotal_mismatch': {
      const what =
        f.params.level === 'grand'
          ? 'Grand total'
          : `Subtotal of ${LEVELS[f.params.level] ?? f.params.level} ${f.params.key}`;
      const shown = f.actual === null ? 'is empty' : `shows ${n(f.actual)}`;
      return `${what} (${fieldName(f.params.field, 'en')}): its activities add up to ${nu(f.expected)}, the subtotal ${shown} (${tol(f.params.tolerance)}). Correct the subtotal or restore its formula.`;
    }
    case 'summary_row_mismatch':
      return `${f.params.table}, row "${f.params.row}": the years add up to ${nu(f.expected)}, not the total (${n(f.actual)}; ${tol(f.params.tolerance)}). Correct the row's amounts.`;
    case 'summary_split_mismatch':
      return `${f.params.table}, row "${f.params.row}": national budget + external come to ${nu(f.expected)}, the total is ${n(f.actual)} (${tol(f.params.tolerance)}). Correct the funding split.`;
    case 'summary_column_mismatch':
      return `${f.params.table}, "${fieldName(f.params.field, 'en')}" column: its rows add up to ${nu(f.expected)}, the total row ${says(f.actual)} (${tol(f.params.tolerance)}). Correct the total row or the rows.`;
    case 'summary_total_row_mismatch':
      return `${f.params.table}, total row: ${f.params.parts === 'years' ? 'the sum of its years' : 'national budget + external'} comes to ${nu(f.expected)}, its total ${says(f.actual)} (${tol(f.params.tolerance)}). Correct the total row.`;
    case 'summary_detail_mismatch': {
      const p = f.params;
      const scope =
        p.scope === 'pillar'
          ? `pillar ${p.pillar}`
          : p.scope === 'ministry'
            ? p.ministry
            : `pillar ${p.pillar}, ${p.ministry}`;
      const uncosted = [
        ...(p.pmCount > 0 ? [plural(p.pmCount, 'PM activity not costed', 'PM activities not costed')] : []),
        ...(p.blankCount > 0
          ? [plural(p.blankCount, 'activity without a cost', 'activities without a cost')]
          : []),
      ];
      const including = uncosted.length > 0 ? ` (including ${uncosted.join(' and ')})` : '';
      const field = p.field === 'total' ? '' : `, ${fieldPhrase(p.field, 'en')}`;
      return `${p.table}, ${scope}${field}: the detail of activities adds up to ${nu(f.expected)}${including}, the table ${says(f.actual)} (${tol(p.tolerance)}). Bring the table and the detail into line.`;
    }
    case 'envelope_gap': {
      const p = f.params;
      const scope = p.scope === 'pillar' ? `pillar ${p.key}` : p.key;
      return `For ${scope}, the return adds up to ${nu(f.actual)} against ${n(f.expected)} in the adopted envelope (${envelopeInSentence(words.envelope, 'en')}): a gap of ${signedAmount(p.gap, 'en')} (${percent(p.percent, 'en')}%). Check the amounts or explain the gap in a comment.`;
    }
    // Execution follow-up
    case 'unreadable_state':
      return `Unreadable state: "${f.params.text}". Choose from the list: Not started, Ongoing, Done or Abandoned.`;
    case 'execution_total_mismatch':
      return `${a(f.params.activity)}: this total (${n(f.actual)}) is not the sum of its parts (${nu(f.expected)}): it was typed over the formula. Restore the template's formula.`;
    case 'execution_negative':
      return `${a(f.params.activity)}: negative amount (${nu(f.actual)}) in ${fieldInWords(f.params.field, 'en')}. Executed amounts are positive or zero: fix the sign.`;
    case 'disbursed_over_committed':
      return `${a(f.params.activity)}: disbursed (${nu(f.actual)}) exceeds committed (${n(f.expected)})${f.params.source === 'total' ? '' : f.params.source === 'national' ? ' from the national budget' : ' from external funding'}. Only what is committed can be disbursed: fix one or the other.`;
    case 'committed_over_planned':
      return `${a(f.params.activity)}: committed (${nu(f.actual)}) exceeds the year's planned amount (${n(f.expected)}) by ${percent(f.params.percent, 'en')}%, above the plan's threshold of ${f.params.threshold}%. Check the amount or explain the gap in a comment.`;
    case 'execution_not_planned':
      return `${a(f.params.activity)}: amounts are committed or disbursed though nothing was planned for the year (or the activity is PM). Check the activity, or explain in a comment.`;
    case 'execution_on_withdrawn':
      return `${a(f.params.activity)}: this activity was withdrawn from the plan; no execution can be reported on it. Report these amounts on the plan activity that replaces it.`;
    case 'execution_state_mismatch':
      return f.params.state === 'not_started'
        ? `${a(f.params.activity)}: marked "Not started" though amounts were disbursed. Fix the state or the amounts.`
        : `${a(f.params.activity)}: marked "${f.params.state === 'done' ? 'Done' : f.params.state === 'ongoing' ? 'Ongoing' : 'Abandoned'}" with nothing committed or disbursed. Enter the amounts, or explain in a comment.`;
    case 'unknown_indicator':
      return `Result ${f.params.result} has no indicator no. ${f.params.indicator} in the plan: the value is not taken. Use the template's "Indicators" sheet.`;
    // The plan document itself
    case 'duplicate_activity_code':
      return `Activity code ${f.params.code} is printed twice in the document (also line ${f.params.firstLine}); the canonical plan renumbers this activity ${f.params.correctedTo}. Have this numbering confirmed.`;
    case 'activity_code_prefix_mismatch':
      return `Activity code ${f.params.code} does not start with its result's code (${f.params.result}): a numbering slip in the document. The code is kept as printed; have it confirmed.`;
    case 'result_without_code':
      return `Result printed without a code ("${shorten(f.params.result)}"): the canonical plan gives it the code ${f.params.inferred}. Have this code confirmed.`;
    case 'execution_years_missing':
      return `${a(f.params.activity)}: its execution periods (${words.marks.en[0]}–${words.marks.en[1]}) are not printed in the document; the years are left empty. Have them confirmed by the responsible ministry.`;
    default: {
      const unhandled: never = f;
      return String((unhandled as Finding).code);
    }
  }
}
