/**
 * The detail tables' events (./detail-tables.ts) made into the plan's pillars, objectives, results
 * and activities, with the same provenance and corrections as the plan extracted from the
 * document (server/plan-extraction/detail.ts): each item's sheet and row, codes normalised, a
 * result written without a code numbered after its siblings, a code written twice renumbered under
 * its own result — and a finding at its cell for everything that cannot be taken as written.
 *
 * The plan's shape is read from the workbook: with OS headings, codes are pillar.os.result.n; with
 * none, results sit directly under their pillar and codes are pillar.result.n (see the Plan
 * schema for how such a plan is represented).
 */
import {
  type Activity,
  type Correction,
  moneyToDecimal,
  moneyToNumber,
  type Objective,
  type Pillar,
  type Result,
  readCost,
  readMark,
  wordKey,
} from '#core';
import {
  type ActivityCells,
  type DetailEvent,
  OBJECTIVE_TEXT,
  PILLAR_TEXT,
  type Place,
  RESULT_LABEL,
  type TextCell,
} from './detail-tables.ts';
import { type ImportFinding, type ImportSeverity, importFinding } from './import-findings.ts';
import type { Directory, SpellingLog } from './ministry-directory.ts';

export interface BuildOptions {
  /** Calendar years, AN I first. */
  years: readonly number[];
  directory: Directory;
  spellings: SpellingLog;
  /** An adopted plan: codes that fit two parents are kept where they sit, as a warning. */
  adopted: boolean;
}

export interface DetailBuild {
  pillars: Pillar[];
  objectives: Objective[];
  results: Result[];
  activities: Activity[];
  /** True when the workbook has OS headings. */
  hasObjectives: boolean;
  /** Each pillar's heading as written, or null when it has none (its name is then "Pilier N"). */
  headings: Map<string, string | null>;
  /** The activity cell of each activity (by its canonical code), for pointing findings at cells. */
  activityCells: Map<string, Place>;
  resultCells: Map<string, Place>;
  findings: ImportFinding[];
}

const SPACE = String.raw`[\s\u00a0\u202f\u2007\u2009]`;
const LIST_MARKER = /^(?:\d{1,2}\s*[.)]|[·•\-–*])\s*/;
const FRAGMENT = /^(?:\d+\s*[.)]?|[·•])$/;

const SPACES = new RegExp(`${SPACE}+`, 'g');
const ANY_CODE = /^\s*(\d{1,3}(?:\.\d{1,3})+)/;
const codePatterns = new Map<number, RegExp>();

/** A code of exactly `depth` parts (spaces around its dots allowed), not followed by ".digit". */
function codePattern(depth: number): RegExp {
  let pattern = codePatterns.get(depth);
  if (!pattern) {
    pattern = new RegExp(
      String.raw`^${SPACE}*(\d{1,3}(?:${SPACE}*\.${SPACE}*\d{1,3}){${depth - 1}})(?!\.\d)${SPACE}*\.?${SPACE}*([\s\S]*)$`,
    );
    codePatterns.set(depth, pattern);
  }
  return pattern;
}

/** "2.1.1. 1. Title" → the code with `depth` parts, as written and normalised, and the rest. */
export function leadingCodeOf(
  text: string,
  depth: number,
): { asRead: string; code: string; rest: string } | { tooDeep: string } | null {
  const m = codePattern(depth).exec(text);
  if (m) {
    const rest = m[2] ?? '';
    return {
      asRead: text.slice(0, text.length - rest.length).trim(),
      code: (m[1] as string).replace(SPACES, ''),
      rest,
    };
  }
  const any = ANY_CODE.exec(text);
  return any ? { tooDeep: any[1] as string } : null;
}

const segments = (code: string) => code.split('.');
const parentOf = (code: string) => segments(code).slice(0, -1).join('.');
const lastOf = (code: string) => Number(segments(code).at(-1));
const placeText = (p: Place) => `${p.sheet}!${p.cell}`;

interface ResultRec {
  entity: Result;
  /** The code of the OS (or pillar) it sits under. */
  under: string;
  at: Place;
  coded: boolean;
  activities: number;
}

interface ActivityRec {
  entity: Activity;
  result: ResultRec;
  at: Place;
}

export function buildDetail(events: readonly DetailEvent[], opts: BuildOptions): DetailBuild {
  const hasObjectives = events.some((e) => e.kind === 'objective');
  const activityDepth = hasObjectives ? 4 : 3;
  const resultDepth = activityDepth - 1;
  const findings: ImportFinding[] = [];
  const add = (f: ImportFinding) => findings.push(f);
  const slip: ImportSeverity = opts.adopted ? 'warning' : 'error';

  const pillars = new Map<string, Pillar>();
  const headings = new Map<string, string | null>();
  const objectives = new Map<string, Objective>();
  const objectiveCells = new Map<string, Place>();
  const results: ResultRec[] = [];
  const resultsByCode = new Map<string, ResultRec>();
  const activities: ActivityRec[] = [];

  let pending: { name: string | null; bannerCode: string | null; at: TextCell } | null = null;
  let pillar: Pillar | null = null;
  let objective: Objective | null = null;
  let result: ResultRec | null = null;
  let lastAlignment: string | null = null;

  const createPillar = (code: string, heading: string | null, at: Place | null): Pillar => {
    const existing = pillars.get(code);
    if (existing) return existing;
    const made: Pillar = { code, name: heading ?? `Pilier ${code}`, line: at?.row ?? 0 };
    if (at) made.sheet = at.sheet;
    pillars.set(code, made);
    headings.set(code, heading);
    return made;
  };

  /** The pillar an OS (or, without OS, a result) numbered `child` belongs to: pillar `code`. */
  const enterPillar = (code: string, at: Place, child: string): Pillar => {
    if (pending) {
      const banner = pending;
      pending = null;
      if (banner.bannerCode !== null && banner.bannerCode !== code) {
        add(importFinding('pillar_code_mismatch', 'error', banner.at, { banner: banner.bannerCode, code }));
      }
      pillar = createPillar(code, banner.name, banner.at);
    } else if (pillar?.code !== code) {
      if (!pillars.has(code)) add(importFinding('pillar_name_missing', 'warning', at, { pillar: code }));
      // Under one pillar's heading, a code naming another pillar already read: which one is meant?
      else if (pillar)
        add(
          importFinding('code_fits_two_parents', slip, at, {
            level: hasObjectives ? 'objective' : 'result',
            code: child,
            under: pillar.code,
            named: code,
          }),
        );
      pillar = createPillar(code, null, at);
    }
    return pillar as Pillar;
  };

  const flushPending = () => {
    if (!pending) return;
    if (pending.bannerCode !== null) createPillar(pending.bannerCode, pending.name, pending.at);
    else add(importFinding('row_not_read', 'warning', pending.at, { text: pending.at.text }));
    pending = null;
  };

  const onPillar = (text: TextCell) => {
    flushPending();
    const m = PILLAR_TEXT.exec(text.text);
    const bannerCode = m ? romanOrNumber(m[1] as string) : null;
    const name = m ? (m[2] ?? '').trim() || null : text.text;
    pending = { name, bannerCode, at: text };
    objective = null;
    result = null;
  };

  const onObjective = (text: TextCell) => {
    const m = OBJECTIVE_TEXT.exec(text.text) as RegExpExecArray;
    const code = `${m[1]}.${m[2]}`;
    const title = text.text.slice(m[0].length).trim();
    const p = enterPillar(m[1] as string, text, code);
    result = null;
    const existing = objectives.get(code);
    if (existing) {
      if (wordKey(existing.title) !== wordKey(title)) {
        add(
          importFinding('duplicate_code', 'error', text, {
            level: 'objective',
            code,
            first: placeText(objectiveCells.get(code) ?? text),
          }),
        );
      }
      objective = existing;
      return;
    }
    objective = {
      code,
      pillar: p.code,
      title,
      source: { code: `OS ${code}`, line: text.row, sheet: text.sheet },
    };
    objectives.set(code, objective);
    objectiveCells.set(code, text);
  };

  const onResult = (text: TextCell) => {
    let code: string | null = null;
    let printed: string | null = null;
    let title = text.text;
    const label = RESULT_LABEL.exec(text.text)?.[0] ?? '';
    const parsed = leadingCodeOf(text.text.slice(label.length), resultDepth);
    if (parsed && 'tooDeep' in parsed) {
      add(importFinding('code_depth', 'error', text, { code: parsed.tooDeep, expected: resultDepth }));
      result = null;
      return;
    }
    if (parsed) {
      code = parsed.code;
      printed = `${label}${parsed.asRead}`.trim();
      title = parsed.rest.replace(/^[:\-–]\s*/, '').trim();
    }
    lastAlignment = null;
    let under: string;
    let pillarCode: string;
    if (hasObjectives) {
      if (!objective) {
        add(importFinding('outside_structure', 'error', text, { level: 'result', text: text.text }));
        result = null;
        return;
      }
      under = objective.code;
      pillarCode = objective.pillar;
    } else {
      const number = code !== null ? (segments(code)[0] as string) : (pending?.bannerCode ?? null);
      const p = number !== null ? enterPillar(number, text, code ?? '') : pillar;
      if (!p) {
        add(importFinding('outside_structure', 'error', text, { level: 'result', text: text.text }));
        result = null;
        return;
      }
      under = p.code;
      pillarCode = p.code;
    }
    if (code !== null) {
      const existing = resultsByCode.get(code);
      if (existing) {
        if (wordKey(existing.entity.title) !== wordKey(title)) {
          add(
            importFinding('duplicate_code', 'error', text, {
              level: 'result',
              code,
              first: placeText(existing.at),
            }),
          );
        }
        result = existing;
        return;
      }
    }
    const entity: Result = {
      code: code ?? '',
      objective: under,
      pillar: pillarCode,
      title,
      indicators: [],
      source: { code: printed, line: text.row, sheet: text.sheet },
    };
    result = { entity, under, at: text, coded: code !== null, activities: 0 };
    results.push(result);
    if (code !== null) resultsByCode.set(code, result);
  };

  const onIndicators = (text: TextCell, lines: string[]) => {
    if (!result) {
      add(importFinding('row_not_read', 'warning', text, { text: text.text }));
      return;
    }
    for (const line of lines) {
      if (FRAGMENT.test(line)) continue;
      result.entity.indicators.push(line.replace(LIST_MARKER, ''));
    }
  };

  const onActivity = (cells: ActivityCells) => {
    const label = activityLabel(cells);
    const read = readActivityCells(cells, label, opts);
    findings.push(...read.findings);
    if (!result) {
      add(importFinding('outside_structure', 'error', cells.at, { level: 'activity', text: label }));
      return;
    }
    const codeSource = cells.codeCell?.text ?? cells.raw ?? '';
    const parsed = leadingCodeOf(codeSource, activityDepth);
    if (!parsed) {
      add(importFinding('activity_without_code', 'error', cells.codeCell ?? cells.at, { title: label }));
      return;
    }
    if ('tooDeep' in parsed) {
      add(
        importFinding('code_depth', 'error', cells.codeCell ?? cells.at, {
          code: parsed.tooDeep,
          expected: activityDepth,
        }),
      );
      return;
    }
    // With a code column, the activity cell holds the title (perhaps after the same code).
    let titleText = parsed.rest;
    if (cells.codeCell) {
      const again = leadingCodeOf(cells.raw ?? '', activityDepth);
      titleText =
        again && !('tooDeep' in again) && again.code === parsed.code ? again.rest : (cells.raw ?? '');
    }
    const corrections: Correction[] = [];
    if (parsed.asRead.replace(/\.$/, '') !== parsed.code) {
      corrections.push({
        kind: 'code_normalised',
        field: 'code',
        asWritten: parsed.asRead,
        correctedTo: parsed.code,
        line: cells.at.row,
        sheet: cells.at.sheet,
        reason: 'Espaces à l’intérieur du code supprimés.',
      });
    }
    const alignment = cells.alignment ?? lastAlignment;
    lastAlignment = alignment;
    const entity: Activity = {
      code: parsed.code,
      title: titleText.replace(/[\s\u00a0\u202f\u2007\u2009]+/g, ' ').trim(),
      pillar: result.entity.pillar,
      objective: result.entity.objective,
      result: result.entity.code,
      ...read.responsible,
      partners: read.partners,
      partnersAsWritten: cells.partners?.text ?? '',
      alignment,
      ...read.cost,
      years: read.years,
      source: { code: parsed.asRead, line: cells.at.row, sheet: cells.at.sheet },
      ...(corrections.length > 0 ? { corrections } : {}),
    };
    result.activities++;
    activities.push({ entity, result, at: cells.at });
  };

  for (const e of events) {
    switch (e.kind) {
      case 'pillar':
        onPillar(e.text);
        break;
      case 'objective':
        onObjective(e.text);
        break;
      case 'result':
        onResult(e.text);
        break;
      case 'indicators':
        onIndicators(e.text, e.lines);
        break;
      case 'activity':
        onActivity(e.cells);
        break;
      case 'other':
        add(importFinding('row_not_read', 'warning', e.text, { text: e.text.text }));
        break;
    }
  }
  flushPending();

  numberUncodedResults(results, hasObjectives);
  for (const r of results) {
    if (r.activities === 0)
      add(importFinding('result_without_activity', 'warning', r.at, { result: r.entity.code }));
    if (!r.coded) continue;
    const prefix = parentOf(r.entity.code);
    if (prefix === r.under) continue;
    const exists = hasObjectives ? objectives.has(prefix) : pillars.has(prefix);
    add(
      exists
        ? importFinding('code_fits_two_parents', slip, r.at, {
            level: 'result',
            code: r.entity.code,
            under: r.under,
            named: prefix,
          })
        : importFinding('code_parent_mismatch', 'warning', r.at, { code: r.entity.code, under: r.under }),
    );
  }
  for (const a of activities) a.entity.result = a.result.entity.code;
  renumberDuplicates(activities);
  const resultCodes = new Set(results.map((r) => r.entity.code));
  for (const a of activities) {
    const prefix = parentOf(a.entity.code);
    if (prefix !== a.entity.result && resultCodes.has(prefix)) {
      add(
        importFinding('code_fits_two_parents', slip, a.at, {
          level: 'activity',
          code: a.entity.code,
          under: a.entity.result,
          named: prefix,
        }),
      );
    }
  }

  return {
    pillars: [...pillars.values()],
    objectives: [...objectives.values()],
    results: results.map((r) => r.entity),
    activities: activities.map((a) => a.entity),
    hasObjectives,
    headings,
    activityCells: new Map(activities.map((a) => [a.entity.code, a.at])),
    resultCells: new Map(results.map((r) => [r.entity.code, r.at])),
    findings,
  };
}

function romanOrNumber(token: string): string {
  if (/^\d+$/.test(token)) return String(Number(token));
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  const up = token.toUpperCase();
  for (let i = 0; i < up.length; i++) {
    const v = values[up[i] as string] ?? 0;
    const next = values[up[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return String(total);
}

/** How findings name an activity: its code as written, else the start of its text. */
function activityLabel(cells: ActivityCells): string {
  const text = (cells.codeCell?.text ?? cells.raw ?? '').replace(/\s+/g, ' ').trim();
  const code = /^\d+(?:\s*\.\s*\d+)+/.exec(text)?.[0];
  return code ?? (text.length > 50 ? `${text.slice(0, 49)}…` : text);
}

interface ReadCells {
  responsible: Pick<Activity, 'responsible' | 'jointWith' | 'responsibleAsWritten'>;
  partners: string[];
  cost: Pick<Activity, 'cost' | 'costAsWritten' | 'costNote'>;
  years: number[];
  findings: ImportFinding[];
}

/** Cost, marks, responsible and partners of an activity row, each read or reported at its cell. */
function readActivityCells(cells: ActivityCells, activity: string, opts: BuildOptions): ReadCells {
  const findings: ImportFinding[] = [];
  const sheet = cells.at.sheet;

  const costCell = cells.cost;
  const asWritten =
    costCell === null
      ? ''
      : costCell.formula !== undefined
        ? `=${costCell.formula}`
        : costCell.value === null || costCell.value === undefined
          ? ''
          : String(costCell.value).trim();
  let cost: ReadCells['cost'] = { cost: null, costAsWritten: asWritten, costNote: null };
  const read = readCost(costCell);
  const where = { sheet, cell: costCell?.cell ?? cells.at.cell };
  switch (read.kind) {
    case 'amount':
      if (read.cost < 0n)
        findings.push(importFinding('cost_negative', 'error', where, { activity, text: asWritten }));
      else cost = { cost: moneyToNumber(read.cost), costAsWritten: asWritten, costNote: null };
      break;
    case 'pm':
      cost = { cost: null, costAsWritten: asWritten, costNote: 'PM' };
      break;
    case 'unreadable':
      findings.push(importFinding('cost_unreadable', 'error', where, { activity, text: read.text }));
      break;
    case 'ambiguous':
      findings.push(
        importFinding('cost_ambiguous', 'error', where, {
          activity,
          text: read.text,
          asThousands: moneyToDecimal(read.asThousands),
          asDecimal: moneyToDecimal(read.asDecimal),
        }),
      );
      break;
    case 'formula':
      findings.push(importFinding('cost_formula', 'error', where, { activity, formula: read.formula }));
      break;
    default:
      break;
  }

  const years: number[] = [];
  cells.marks.forEach((mark, i) => {
    const year = opts.years[i] as number;
    const m =
      mark.formula !== undefined
        ? { kind: 'unreadable' as const, text: `=${mark.formula}` }
        : readMark(mark.value);
    if (m.kind === 'marked') years.push(year);
    else if (m.kind === 'unreadable')
      findings.push(
        importFinding(
          'mark_unreadable',
          'error',
          { sheet, cell: mark.cell },
          { activity, year, text: m.text },
        ),
      );
  });
  if (years.length === 0 && cells.marks.length > 0) {
    findings.push(importFinding('no_execution_year', 'warning', cells.at, { activity }));
  }

  const responsibleText = cells.responsible.text;
  let responsible: ReadCells['responsible'] = {
    responsible: '',
    jointWith: [],
    responsibleAsWritten: responsibleText,
  };
  if (responsibleText === '') {
    findings.push(importFinding('responsible_missing', 'error', cells.responsible, { activity }));
  } else {
    const codes = opts.directory.resolve(responsibleText);
    if (codes === null) {
      findings.push(
        importFinding('responsible_unknown', 'error', cells.responsible, { activity, text: responsibleText }),
      );
    } else {
      opts.spellings.record(responsibleText, codes, 'responsible', `${sheet}!${cells.responsible.cell}`);
      responsible = {
        responsible: codes[0] as string,
        jointWith: codes.slice(1),
        responsibleAsWritten: responsibleText,
      };
    }
  }

  // Partners are read token by token, as the document's extraction does; a partner the directory
  // does not know (a technical partner, an agency) is kept as written.
  const partners: string[] = [];
  for (const token of (cells.partners?.text ?? '').split(/[\s,;]+/).filter(Boolean)) {
    const codes = opts.directory.resolve(token);
    opts.spellings.record(token, codes ?? [], 'partner', `${sheet}!${cells.partners?.cell}`);
    for (const code of codes ?? [token]) if (!partners.includes(code)) partners.push(code);
  }
  return { responsible, partners, cost, years, findings };
}

/** A result written without a code takes the next number under its OS (or pillar). */
function numberUncodedResults(results: ResultRec[], hasObjectives: boolean): void {
  for (const r of results) {
    if (r.coded) continue;
    const siblings = results.filter((s) => s.under === r.under && s.entity.code !== '');
    const next = Math.max(0, ...siblings.map((s) => lastOf(s.entity.code))) + 1;
    const code = `${r.under}.${next}`;
    r.entity.code = code;
    const where = hasObjectives ? `l'OS ${r.under}` : `le pilier ${r.under}`;
    r.entity.corrections = [
      {
        kind: 'inferred_result_code',
        field: 'code',
        asWritten: null,
        correctedTo: code,
        line: r.at.row,
        sheet: r.at.sheet,
        reason: `Résultat écrit sans code dans ${where} : il prend le numéro suivant du même ${hasObjectives ? 'OS' : 'pilier'}.`,
      },
    ];
  }
}

/**
 * A code written twice: the occurrence whose code matches its result keeps it; the other is
 * renumbered under its own result (same last number when free, else the next free one) — the
 * document extraction's rule.
 */
function renumberDuplicates(activities: ActivityRec[]): void {
  const byCode = new Map<string, ActivityRec[]>();
  for (const a of activities) byCode.set(a.entity.code, [...(byCode.get(a.entity.code) ?? []), a]);
  const taken = new Set(byCode.keys());
  for (const [code, group] of byCode) {
    if (group.length < 2) continue;
    const keeper = group.find((a) => code.startsWith(`${a.entity.result}.`)) ?? (group[0] as ActivityRec);
    for (const a of group) {
      if (a === keeper) continue;
      let n = lastOf(code);
      while (taken.has(`${a.entity.result}.${n}`)) n++;
      const renumbered = `${a.entity.result}.${n}`;
      taken.add(renumbered);
      a.entity.corrections = [
        ...(a.entity.corrections ?? []),
        {
          kind: 'renumbered_duplicate',
          field: 'code',
          asWritten: a.entity.source.code,
          correctedTo: renumbered,
          line: a.at.row,
          sheet: a.at.sheet,
          reason: `Code ${code} écrit deux fois (aussi ${placeText(keeper.at)}) : renuméroté sous son résultat ${a.entity.result}.`,
        },
      ];
      a.entity.code = renumbered;
    }
  }
}
