/**
 * Reads the summary table of section II.2.1 (pillar × ministry × year, TOTAL, Budget national,
 * Extérieur, and its TOTAL row) exactly as printed, slips included: the checks, not the
 * extraction, say where it does not add up.
 */
import type { Envelope, EnvelopeRow } from '#core';
import { type Cell, splitCells } from './cells.ts';

export const PILLAR_NAMES: readonly { code: string; name: string; heading: string }[] = [
  { code: '1', name: 'Prévention', heading: 'PREVENTION' },
  { code: '2', name: 'Protection', heading: 'LA PROTECTION' },
  { code: '3', name: 'Poursuite', heading: 'LA POURSUITE' },
  { code: '4', name: 'Réponse', heading: 'LA REPONSE' },
  { code: '5', name: 'Cohésion sociale', heading: 'LA COHESION SOCIALE' },
];

const HEADERS = ['2021', '2022', '2023', '2024', '2025', 'TOTAL', 'Budget national', 'Extérieur'];

/** A printed amount: "1 000" → 1000, blank → null. Anything else stops the extraction. */
function amount(cell: Cell | undefined): number | null {
  if (!cell) throw new Error('Tableau II.2.1 : ligne incomplète à la fin du tableau.');
  if (cell.text === '') return null;
  if (!/^\d{1,3}( \d{3})*$|^\d+$/.test(cell.text)) {
    throw new Error(`Tableau II.2.1, ligne ${cell.line} : montant illisible « ${cell.text} ».`);
  }
  return Number(cell.text.replace(/ /g, ''));
}

export function extractEnvelope(
  lines: readonly string[],
  resolveMinistry: (asWritten: string) => string[] | null,
): Envelope {
  const start = lines.findIndex((l) => l.trim() === 'Piliers');
  const end = lines.findIndex((l, i) => i > start && /^2\.2\./.test(l.trim()));
  if (start < 0 || end < 0) throw new Error('Tableau II.2.1 introuvable (en-tête « Piliers »).');
  const cells = splitCells(lines, start, end);
  const headerEnd = cells.findIndex((c) => c.text === 'Extérieur');
  const printedHeaders = cells.slice(headerEnd - 7, headerEnd + 1).map((c) => c.text);
  if (printedHeaders.join('|') !== HEADERS.join('|')) {
    throw new Error(`Tableau II.2.1 : en-têtes inattendus ${printedHeaders.join(' | ')}.`);
  }
  const years = HEADERS.slice(0, 5).map(Number);
  const rowOf = (label: Cell, ministry: Cell | null, values: (Cell | undefined)[]): EnvelopeRow => {
    const pillar = PILLAR_NAMES.find((p) => p.name.toLowerCase() === label.text.toLowerCase());
    const resolved = ministry ? resolveMinistry(ministry.text) : null;
    if (ministry && resolved?.length !== 1) {
      throw new Error(`Tableau II.2.1, ligne ${ministry.line} : ministère inconnu « ${ministry.text} ».`);
    }
    const record: Record<string, number | null> = {};
    years.forEach((y, i) => {
      record[y] = amount(values[i]);
    });
    return {
      pillar: pillar?.code ?? null,
      pillarAsWritten: label.text,
      ministry: resolved?.[0] ?? null,
      ministryAsWritten: ministry?.text ?? '',
      years: record,
      total: amount(values[5]),
      national: amount(values[6]),
      external: amount(values[7]),
      line: label.line,
    };
  };

  const rows: EnvelopeRow[] = [];
  let i = headerEnd + 1;
  while (i < cells.length) {
    const label = cells[i];
    if (!label || label.text === '') {
      i++;
      continue;
    }
    if (label.text === 'TOTAL') {
      // The TOTAL row spans the pillar and ministry columns: one label, then the 8 amounts.
      const totalRow = rowOf(label, null, cells.slice(i + 1, i + 9));
      return { title: 'Tableau II.2.1 — Estimation des coûts', unit: 'millions FCFA', years, rows, totalRow };
    }
    const ministry = cells[i + 1] ?? null;
    const row = rowOf(label, ministry, cells.slice(i + 2, i + 10));
    if (row.pillar === null) {
      throw new Error(`Tableau II.2.1, ligne ${label.line} : pilier inconnu « ${label.text} ».`);
    }
    rows.push(row);
    i += 10;
  }
  throw new Error('Tableau II.2.1 : ligne TOTAL introuvable.');
}
