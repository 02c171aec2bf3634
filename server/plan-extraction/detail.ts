/**
 * Reads section IV of the plan document (one table per pillar) into objectives, results and
 * activities, keeping each activity's code as printed and its source line, and recording every
 * correction with the document's own wording. Row boundaries are not reliable in the converted
 * text (cells hold blank lines), so rows are found from their anchor, the activity cell: the two
 * cells before it are the result and its indicators (often empty: merged cells), and the nine
 * after it are alignment, cost, responsible, partners and the five execution years.
 */
import type { Activity, Correction, Objective, Pillar, Result } from '#core';
import { type Cell, splitCells, squash } from './cells.ts';
import { PILLAR_NAMES } from './envelope.ts';

export interface DetailExtraction {
  pillars: Pillar[];
  objectives: Objective[];
  results: Result[];
  activities: Activity[];
}

export interface MinistryResolver {
  /** Codes a spelling refers to; null when the directory does not know it. */
  resolve(asWritten: string): string[] | null;
}

const ACTIVITY_CODE = /^(\d+)\s*\.\s*(\d+)\s*\.\s*(\d+)\s*\.\s*(\d+)\.?/;
const OBJECTIVE = /^OS\s*(\d+)\s*\.\s*(\d+)\s*\.?\s*:?\s*/;
const RESULT = /^(?:Résultat|R)\s*(\d+)\s*\.\s*(\d+)\s*\.\s*(\d+)\s*\.?\s*:?\s*/;
const LIST_MARKER = /^(?:\d+\s*[.)]?|[·•\-–])\s*/;
/** A cell holding only a list number or bullet: what is left when a merged cell was cut. */
const FRAGMENT = /^(?:\d+\s*[.)]?|[·•])$/;

const YEAR_COUNT = 5;
const FIRST_YEAR = 2021;

function stripBookmarks(text: string): string {
  return text.replace(/\[bookmark: [^\]]*\]/g, '').trim();
}

/** Indicators are paragraphs of the cell; list numbers and bullets are dropped. */
function indicatorItems(cell: Cell): { items: string[]; fragments: { text: string; line: number }[] } {
  const items: string[] = [];
  const fragments: { text: string; line: number }[] = [];
  for (const [i, paragraph] of cell.raw.replace(/\t/g, ' ').split('\n').entries()) {
    const text = squash(paragraph);
    if (text === '') continue;
    if (FRAGMENT.test(text)) fragments.push({ text, line: cell.startLine + i });
    else items.push(text.replace(LIST_MARKER, ''));
  }
  return { items, fragments };
}

function parseCost(cell: Cell): Pick<Activity, 'cost' | 'costNote' | 'costAsWritten'> {
  const text = cell.text;
  if (text === '') return { cost: null, costNote: null, costAsWritten: '' };
  if (/^PM$/i.test(text)) return { cost: null, costNote: 'PM', costAsWritten: text };
  if (/^\d{1,3}( \d{3})+$|^\d+$/.test(text)) {
    return { cost: Number(text.replace(/ /g, '')), costNote: null, costAsWritten: text };
  }
  throw new Error(`Ligne ${cell.line} : coût illisible « ${text} ».`);
}

function splitPartners(text: string, ministries: MinistryResolver): string[] {
  const codes: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    for (const code of ministries.resolve(token) ?? [token]) if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

interface PillarSegment {
  pillar: (typeof PILLAR_NAMES)[number];
  headingLine: number;
  from: number;
  to: number;
}

/** Section IV's pillar tables: from each pillar heading to the next (or the end). */
function pillarSegments(lines: readonly string[]): PillarSegment[] {
  const sectionStart = lines.findIndex((l) => /^IV\.\s/.test(l) && l.includes('PLAN D’ACTION'));
  if (sectionStart < 0) throw new Error('Section IV « PLAN D’ACTION 2021 – 2025 » introuvable.');
  const headings: { index: number; pillar: (typeof PILLAR_NAMES)[number] }[] = [];
  for (let i = sectionStart; i < lines.length; i++) {
    const text = stripBookmarks(lines[i] ?? '');
    const pillar = PILLAR_NAMES.find((p) => p.heading === text);
    if (pillar) headings.push({ index: i, pillar });
  }
  if (headings.length !== PILLAR_NAMES.length) {
    throw new Error(
      `Section IV : ${headings.length} tableaux de pilier trouvés, ${PILLAR_NAMES.length} attendus.`,
    );
  }
  return headings.map((h, i) => ({
    pillar: h.pillar,
    headingLine: h.index + 1,
    from: h.index + 1,
    to: headings[i + 1]?.index ?? lines.length,
  }));
}

export function extractDetail(lines: readonly string[], ministries: MinistryResolver): DetailExtraction {
  const out: DetailExtraction = { pillars: [], objectives: [], results: [], activities: [] };
  for (const segment of pillarSegments(lines)) {
    out.pillars.push({ code: segment.pillar.code, name: segment.pillar.name, line: segment.headingLine });
    readPillarTable(segment, splitCells(lines, segment.from, segment.to), ministries, out);
  }
  renumberDuplicates(out);
  return out;
}

function readPillarTable(
  segment: PillarSegment,
  cells: Cell[],
  ministries: MinistryResolver,
  out: DetailExtraction,
): void {
  const pillar = segment.pillar.code;
  const first = cells.findIndex((c) => OBJECTIVE.test(c.text));
  if (first < 0) throw new Error(`Pilier ${pillar} : aucun objectif stratégique (OS) trouvé.`);
  let objective: Objective | null = null;
  let result: Result | null = null;
  let lastAlignment: string | null = null;
  let consumed = first;

  /** The cells between two activity rows: objective banners, a new result, indicator pieces. */
  const readBetween = (between: Cell[]) => {
    const filled = between.filter((c) => c.text !== '');
    filled.forEach((cell, i) => {
      const os = OBJECTIVE.exec(cell.text);
      if (os) {
        if (os[1] !== pillar)
          throw new Error(`Ligne ${cell.line} : OS ${os[1]}.${os[2]} hors du pilier ${pillar}.`);
        objective = {
          code: `${os[1]}.${os[2]}`,
          pillar,
          title: cell.text.slice(os[0].length),
          source: { code: `OS ${os[1]}.${os[2]}`, line: cell.line },
        };
        out.objectives.push(objective);
        result = null;
        return;
      }
      if (!objective)
        throw new Error(`Ligne ${cell.line} : contenu avant le premier OS du pilier ${pillar}.`);
      const r = RESULT.exec(cell.text);
      const startsUncodedResult =
        !r && i === firstContentIndex(filled) && filled.length > i + 1 && !LIST_MARKER.test(cell.text);
      if (r || startsUncodedResult) {
        result = newResult(cell, r, objective, out, pillar);
        lastAlignment = null;
        return;
      }
      if (!result)
        throw new Error(`Ligne ${cell.line} : indicateurs sans résultat « ${cell.text.slice(0, 40)} ».`);
      const { items, fragments } = indicatorItems(cell);
      result.indicators.push(...items);
      for (const fragment of fragments) {
        addCorrection(result, {
          kind: 'stray_fragment',
          field: 'indicators',
          asWritten: fragment.text,
          correctedTo: null,
          line: fragment.line,
          reason:
            'Numéro de liste isolé dans la colonne Indicateurs (cellule fusionnée coupée entre deux lignes) : ignoré.',
        });
      }
    });
  };

  for (let k = first; k < cells.length; k++) {
    const cell = cells[k] as Cell;
    const code = ACTIVITY_CODE.exec(cell.text);
    if (!code || k < consumed) continue;
    // The result and indicator cells of this row are the last two before the activity; anything
    // earlier since the previous row is a banner row (OS) or a result of its own.
    readBetween(cells.slice(consumed, k));
    if (!objective || !result) throw new Error(`Ligne ${cell.line} : activité sans OS ou sans résultat.`);
    const row = cells.slice(k + 1, k + 10);
    const activity = readActivity(cell, code, row, objective, result, ministries, lastAlignment);
    lastAlignment = activity.alignment;
    out.activities.push(activity);
    consumed = k + 1 + row.length;
  }
  const leftover = cells.slice(consumed).filter((c) => c.text !== '');
  if (leftover.length > 0) {
    throw new Error(
      `Pilier ${pillar} : cellules non lues après la dernière activité (ligne ${leftover[0]?.line}).`,
    );
  }
}

function firstContentIndex(filled: Cell[]): number {
  return filled.findIndex((c) => !OBJECTIVE.test(c.text));
}

function newResult(
  cell: Cell,
  printed: RegExpExecArray | null,
  objective: Objective,
  out: DetailExtraction,
  pillar: string,
): Result {
  if (printed) {
    const code = `${printed[1]}.${printed[2]}.${printed[3]}`;
    const result: Result = {
      code,
      objective: objective.code,
      pillar,
      title: cell.text.slice(printed[0].length),
      indicators: [],
      source: { code: printed[0].trim().replace(/\s*:$/, ''), line: cell.line },
    };
    out.results.push(result);
    return result;
  }
  // A result printed without its code: it takes the next number in its objective.
  const siblings = out.results.filter((r) => r.objective === objective.code);
  const next = Math.max(0, ...siblings.map((r) => Number(r.code.split('.')[2]))) + 1;
  const code = `${objective.code}.${next}`;
  const result: Result = {
    code,
    objective: objective.code,
    pillar,
    title: cell.text,
    indicators: [],
    source: { code: null, line: cell.line },
    corrections: [
      {
        kind: 'inferred_result_code',
        field: 'code',
        asWritten: null,
        correctedTo: code,
        line: cell.line,
        reason: `Résultat imprimé sans code dans l'OS ${objective.code} : il prend le numéro suivant du même OS.`,
      },
    ],
  };
  out.results.push(result);
  return result;
}

function readActivity(
  cell: Cell,
  code: RegExpExecArray,
  row: Cell[],
  objective: Objective,
  result: Result,
  ministries: MinistryResolver,
  inheritedAlignment: string | null,
): Activity {
  const canonical = `${code[1]}.${code[2]}.${code[3]}.${code[4]}`;
  // The code exactly as printed (it may hold no-break spaces), for people searching the document.
  const printedCode = (ACTIVITY_CODE.exec(cell.raw.replace(/\t/g, ' ').trimStart())?.[0] ?? code[0]).trim();
  const corrections: Correction[] = [];
  if (code[0].trim().replace(/\.$/, '') !== canonical) {
    corrections.push({
      kind: 'code_normalised',
      field: 'code',
      asWritten: printedCode,
      correctedTo: canonical,
      line: cell.line,
      reason: 'Espaces à l’intérieur du code supprimés.',
    });
  }
  const [alignmentCell, costCell, responsibleCell, partnersCell, ...yearCells] = row;
  if (!alignmentCell || !costCell || !responsibleCell || !partnersCell) {
    throw new Error(`Ligne ${cell.line} : activité ${canonical} sans coût ni responsable.`);
  }
  const responsibleAsWritten = responsibleCell.text;
  const responsibleCodes = ministries.resolve(responsibleAsWritten);
  if (!responsibleCodes) {
    throw new Error(
      `Ligne ${responsibleCell.line} : département responsable inconnu « ${responsibleAsWritten} ».`,
    );
  }
  const years: number[] = [];
  for (const [i, yearCell] of yearCells.entries()) {
    if (!/^[Xx]?$/.test(yearCell.text)) {
      throw new Error(
        `Ligne ${yearCell.line} : marque d'exécution illisible « ${yearCell.text.slice(0, 30)} ».`,
      );
    }
    if (yearCell.text !== '') years.push(FIRST_YEAR + i);
  }
  if (yearCells.length !== YEAR_COUNT) {
    if (yearCells.length !== 0) {
      throw new Error(
        `Ligne ${cell.line} : activité ${canonical} avec ${yearCells.length} années sur ${YEAR_COUNT}.`,
      );
    }
    corrections.push({
      kind: 'missing_year_row',
      field: 'years',
      asWritten: null,
      correctedTo: null,
      line: cell.line,
      reason:
        'Le tableau s’arrête après la colonne Partenaires : les périodes d’exécution AN I–AN V ne sont pas imprimées. Années laissées vides, à confirmer par le ministère.',
    });
  }
  return {
    code: canonical,
    title: cell.text.slice(code[0].length).trim(),
    pillar: result.pillar,
    objective: objective.code,
    result: result.code,
    responsible: responsibleCodes[0] as string,
    jointWith: responsibleCodes.slice(1),
    responsibleAsWritten,
    partners: splitPartners(partnersCell.text, ministries),
    partnersAsWritten: partnersCell.text,
    // The alignment column is merged over a result's rows: a blank cell repeats the one above.
    alignment: alignmentCell.text || inheritedAlignment,
    ...parseCost(costCell),
    years,
    source: { code: printedCode, line: cell.line },
    ...(corrections.length > 0 ? { corrections } : {}),
  };
}

function addCorrection(target: { corrections?: Correction[] }, correction: Correction): void {
  target.corrections = [...(target.corrections ?? []), correction];
}

/**
 * The document prints some codes twice. The occurrence whose code matches its result keeps it; the
 * other is renumbered under its own result (same last number when free, else the next free one).
 */
function renumberDuplicates(out: DetailExtraction): void {
  const byCode = new Map<string, Activity[]>();
  for (const a of out.activities) byCode.set(a.code, [...(byCode.get(a.code) ?? []), a]);
  const taken = new Set(byCode.keys());
  for (const [code, group] of byCode) {
    if (group.length < 2) continue;
    const keeper = group.find((a) => code.startsWith(`${a.result}.`)) ?? group[0];
    for (const a of group) {
      if (a === keeper) continue;
      let n = Number(code.split('.')[3]);
      while (taken.has(`${a.result}.${n}`)) n++;
      const renumbered = `${a.result}.${n}`;
      taken.add(renumbered);
      addCorrection(a, {
        kind: 'renumbered_duplicate',
        field: 'code',
        asWritten: a.source.code,
        correctedTo: renumbered,
        line: a.source.line,
        reason: `Code ${code} imprimé deux fois (ligne ${keeper?.source.line} aussi) : renuméroté sous son résultat ${a.result}.`,
      });
      a.code = renumbered;
    }
  }
}
