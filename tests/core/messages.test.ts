// Wording: every finding code reads as a full sentence in French and in English, with amounts
// written the language's way, the unit, and the tolerance.
import { describe, expect, it } from 'vitest';
import { type Finding, type FindingCode, finding, formatFinding, messageOf, placeOf } from '#core';

const at = { sheet: 'Saisie', cell: 'L7' };
const tol = '0';
const detail = {
  table: 'Tableau II.2.1',
  scope: 'pillar' as const,
  pillar: '1',
  ministry: '',
  field: 'total' as const,
  pmCount: 5,
  blankCount: 0,
  tolerance: tol,
};

/** One finding per code. A Record over FindingCode: a new code does not compile until it is here. */
const SAMPLES: { [C in FindingCode]: Finding } = {
  unreadable_number: finding('unreadable_number', 'error', at, { text: 'abc' }),
  ambiguous_number: finding('ambiguous_number', 'error', at, {
    text: '1.500',
    asThousands: '1500',
    asDecimal: '1.5',
  }),
  amount_as_text: finding('amount_as_text', 'error', at, { text: '1 500', value: '1500' }),
  pm_in_costed_amount: finding('pm_in_costed_amount', 'error', at, { activity: '1.1.1.1' }),
  error_value: finding('error_value', 'error', at, { value: '#REF!' }),
  formula_in_input: finding('formula_in_input', 'error', at, { formula: '1+1', value: '2' }),
  rows_reordered: finding(
    'rows_reordered',
    'error',
    { sheet: 'Saisie', cell: 'A9' },
    {
      count: 12,
      activity: '1.1.1.2',
      under: 'R 2.1.1',
    },
  ),
  unreadable_state: finding('unreadable_state', 'error', at, { text: 'fini' }),
  execution_total_mismatch: finding(
    'execution_total_mismatch',
    'error',
    at,
    { activity: '1.1.1.1', field: 'disbursedTotal' },
    { expected: 30, actual: 45 },
  ),
  execution_negative: finding(
    'execution_negative',
    'error',
    at,
    { activity: '1.1.1.1', field: 'committedNational' },
    { actual: -2 },
  ),
  disbursed_over_committed: finding(
    'disbursed_over_committed',
    'error',
    at,
    { activity: '1.1.1.1', source: 'national' },
    { expected: 20, actual: 25.5 },
  ),
  committed_over_planned: finding(
    'committed_over_planned',
    'warning',
    at,
    { activity: '1.1.1.1', percent: '30.5', threshold: '10' },
    { expected: 100, actual: 130.5 },
  ),
  execution_not_planned: finding('execution_not_planned', 'warning', at, { activity: '1.1.1.1' }),
  execution_on_withdrawn: finding('execution_on_withdrawn', 'error', at, { activity: '1.1.1.9' }),
  execution_state_mismatch: finding('execution_state_mismatch', 'warning', at, {
    activity: '1.1.1.1',
    state: 'not_started',
  }),
  unknown_indicator: finding('unknown_indicator', 'error', at, { result: '1.1.1', indicator: 4 }),
  unreadable_mark: finding('unreadable_mark', 'warning', at, { text: '?' }),
  unreadable_nature: finding('unreadable_nature', 'error', at, { text: 'peut-être' }),
  unknown_year: finding('unknown_year', 'error', at, { activity: '1.1.1.1', year: '2030' }),
  entry_header_missing: finding('entry_header_missing', 'error', { sheet: 'Saisie', range: 'A1:A20' }, {}),
  entry_column_mismatch: finding('entry_column_mismatch', 'error', at, {
    expected: { fr: 'Total', en: 'Total' },
    actual: 'Divers',
  }),
  formula_modified: finding('formula_modified', 'error', at, {
    formula: 'SUM(G7:J7)',
    template: 'IF(COUNT(G7:K7)=0,"",SUM(G7:K7))',
  }),
  legacy_row_not_mapped: finding('legacy_row_not_mapped', 'error', at, {
    code: '4.2.3.1',
    title: 'Former, sensibiliser et renforcer les capacités des jeunes',
    reason: 'ambiguous_code',
    related: ['4.2.1.1', '4.2.3.1'],
  }),
  missing_activity_code: finding('missing_activity_code', 'error', at, {}),
  negative_amount: finding(
    'negative_amount',
    'error',
    at,
    { activity: '1.1.1.1', field: 'year:2022' },
    { actual: -20 },
  ),
  line_total_mismatch: finding(
    'line_total_mismatch',
    'error',
    at,
    { activity: '1.1.1.1', tolerance: tol },
    { expected: 1500.5, actual: 1500 },
  ),
  funding_split_mismatch: finding(
    'funding_split_mismatch',
    'error',
    at,
    { activity: '1.1.1.1', tolerance: tol },
    { expected: 10, actual: 12 },
  ),
  pm_with_amounts: finding('pm_with_amounts', 'error', at, { activity: '1.1.1.3' }, { actual: 40 }),
  costed_without_amounts: finding('costed_without_amounts', 'error', at, { activity: '1.1.1.1' }),
  line_not_filled: finding('line_not_filled', 'warning', at, { activity: '1.1.1.1' }),
  amount_outside_execution: finding(
    'amount_outside_execution',
    'warning',
    at,
    { activity: '1.1.1.1', year: 2024 },
    { actual: 5 },
  ),
  execution_without_amount: finding('execution_without_amount', 'warning', at, {
    activity: '1.1.1.1',
    year: 2022,
  }),
  unknown_activity: finding('unknown_activity', 'error', at, { activity: '9.9.9.9' }),
  activity_not_owned: finding('activity_not_owned', 'error', at, {
    activity: '1.1.1.1',
    responsible: 'MARCC',
    ministry: 'MDAC',
  }),
  duplicate_line: finding('duplicate_line', 'error', at, { activity: '1.1.1.1', firstCell: 'Saisie!A6' }),
  activity_missing: finding(
    'activity_missing',
    'warning',
    { sheet: 'Saisie' },
    { activity: '1.1.1.2', ministry: 'MDAC' },
  ),
  subtotal_mismatch: finding(
    'subtotal_mismatch',
    'error',
    at,
    { level: 'result', key: '1.1.1', field: 'national', tolerance: tol },
    { expected: 10, actual: 11 },
  ),
  summary_row_mismatch: finding(
    'summary_row_mismatch',
    'error',
    at,
    { table: 'Synthèse', row: 'Prévention / MARCC', tolerance: tol },
    { expected: 4260, actual: 4250 },
  ),
  summary_split_mismatch: finding(
    'summary_split_mismatch',
    'error',
    at,
    { table: 'Synthèse', row: 'Prévention / MARCC', tolerance: tol },
    { expected: 4260, actual: 4250 },
  ),
  summary_column_mismatch: finding(
    'summary_column_mismatch',
    'error',
    at,
    { table: 'Synthèse', field: 'year:2023', tolerance: tol },
    { expected: 13005, actual: 13000 },
  ),
  summary_total_row_mismatch: finding(
    'summary_total_row_mismatch',
    'error',
    at,
    { table: 'Tableau II.2.1', parts: 'years', tolerance: tol },
    { expected: 51790, actual: 51750 },
  ),
  summary_detail_mismatch: finding('summary_detail_mismatch', 'warning', at, detail, {
    expected: 16550,
    actual: 12325,
  }),
  envelope_gap: finding(
    'envelope_gap',
    'warning',
    at,
    { scope: 'ministry', key: 'MSPC', gap: '-1500.5', percent: '-12.5' },
    { expected: 12000, actual: 10499.5 },
  ),
  duplicate_activity_code: finding(
    'duplicate_activity_code',
    'error',
    { sheet: 'plan.txt', line: 2422 },
    { code: '4.2.3.1', firstLine: 2507, correctedTo: '4.2.1.1' },
  ),
  activity_code_prefix_mismatch: finding(
    'activity_code_prefix_mismatch',
    'warning',
    { sheet: 'plan.txt', line: 1449 },
    { code: '2.2.5.1', result: '2.1.3' },
  ),
  result_without_code: finding(
    'result_without_code',
    'warning',
    { sheet: 'plan.txt', line: 1442 },
    { result: 'La coordination est renforcée', inferred: '2.1.3' },
  ),
  execution_years_missing: finding(
    'execution_years_missing',
    'warning',
    { sheet: 'plan.txt', line: 3088 },
    { activity: '5.4.1.3' },
  ),
};

describe('wording', () => {
  it.each(Object.entries(SAMPLES))('words %s in French and in English', (code, f) => {
    const fr = messageOf(f, 'fr');
    const en = messageOf(f, 'en');
    for (const text of [fr, en]) {
      expect(text).not.toMatch(/undefined|NaN|\[object|null/);
      expect(text).not.toContain(code);
      expect(text).toMatch(/[.!]$/);
      expect(text.length).toBeGreaterThan(40);
    }
    expect(fr).not.toBe(en);
  });

  it('writes amounts the French way, with the unit, and the English way', () => {
    expect(messageOf(SAMPLES.line_total_mismatch, 'fr')).toContain('1\u202f500,5 millions FCFA');
    expect(messageOf(SAMPLES.line_total_mismatch, 'en')).toContain('1,500.5 million FCFA');
    expect(messageOf(SAMPLES.envelope_gap, 'fr')).toContain('écart de -1\u202f500,5 (-12,5 %)');
  });

  it('shows the tolerance', () => {
    const f = finding(
      'line_total_mismatch',
      'error',
      at,
      { activity: '1', tolerance: '0.5' },
      { expected: 2, actual: 3 },
    );
    expect(messageOf(f, 'fr')).toContain('écart toléré : 0,5 million FCFA');
    expect(messageOf(f, 'en')).toContain('tolerance: 0.5 million FCFA');
    expect(messageOf(SAMPLES.line_total_mismatch, 'fr')).toContain('écart toléré : 0)');
  });

  it('says how many activities of the detail are PM', () => {
    expect(messageOf(SAMPLES.summary_detail_mismatch, 'fr')).toMatchInlineSnapshot(
      `"Tableau II.2.1, pilier 1 : le détail des activités totalise 16 550 millions FCFA (dont 5 activités PM non chiffrées), le tableau indique 12 325 (écart toléré : 0). Mettez le tableau et le détail en accord."`,
    );
    expect(messageOf(SAMPLES.summary_detail_mismatch, 'en')).toMatchInlineSnapshot(
      `"Tableau II.2.1, pillar 1: the detail of activities adds up to 16,550 million FCFA (including 5 PM activities not costed), the table shows 12,325 (tolerance: 0). Bring the table and the detail into line."`,
    );
  });

  it('puts the place in front, with the document line of a printed table', () => {
    expect(formatFinding(SAMPLES.unknown_activity, 'fr')).toMatchInlineSnapshot(
      `"Saisie!L7 — Le code « 9.9.9.9 » n'est pas une activité du plan. Corrigez le code (par exemple 1.1.1.1) ; une activité hors plan ne peut pas être chiffrée ici."`,
    );
    expect(formatFinding(SAMPLES.duplicate_activity_code, 'en')).toMatchInlineSnapshot(
      `"plan.txt:2422 — Activity code 4.2.3.1 is printed twice in the document (also line 2507); the canonical plan renumbers this activity 4.2.1.1. Have this numbering confirmed."`,
    );
    expect(placeOf({ sheet: 'Tableau II.2.1', cell: 'TOTAL', line: 65 }, 'fr')).toBe(
      'Tableau II.2.1, ligne 65, colonne TOTAL',
    );
    expect(placeOf({ sheet: 'Tableau II.2.1', cell: 'TOTAL', line: 65 }, 'en')).toBe(
      'Tableau II.2.1, line 65, column TOTAL',
    );
  });

  it('says what the sheet does with a cell it does not count, and what to do', () => {
    expect(messageOf(SAMPLES.amount_as_text, 'fr')).toMatchInlineSnapshot(
      `"Montant saisi comme du texte (« 1 500 ») : les totaux de la feuille (total de la ligne, sous-totaux, Synthèse) ne le comptent pas, alors qu'il se lit 1 500 millions FCFA. Convertissez-le en nombre : bouton « Convertir en nombre » de PAC, ou ressaisissez-le sans apostrophe ni espace entre les milliers."`,
    );
    expect(messageOf(SAMPLES.formula_in_input, 'en')).toMatchInlineSnapshot(
      `"This cell holds a formula ("=1+1") where an amount is typed: the sheet counts its result (2 million FCFA), but an amount sent must be typed. Replace it with its value: PAC's "Convert to numbers" button, or Copy then Paste Special › Values."`,
    );
    expect(messageOf(SAMPLES.rows_reordered, 'fr')).toMatchInlineSnapshot(
      `"Les lignes de la feuille ont été triées ou déplacées : l'activité 1.1.1.2 est maintenant sous « R 2.1.1 » (12 activités hors de leur résultat). Les sous-totaux imprimés ne regroupent donc plus les bonnes activités. Annulez le tri (Ctrl+Z), ou cliquez « Mettre à jour » dans PAC pour remettre les lignes dans l'ordre du plan sans perdre les montants."`,
    );
    const computed = messageOf(
      finding('formula_in_input', 'error', at, { formula: 'G12*2', value: null }),
      'fr',
    );
    expect(computed).toContain('PAC ne la lit pas');
  });

  it('says where a line sent as JSON is, in words, never as a JSON path', () => {
    const where = {
      sheet: 'JSON',
      item: 0,
      activity: '1.2.1.3',
      title: 'Former les acteurs de la chaîne pénale aux techniques d’enquête et de poursuite',
      field: 'year:2023' as const,
    };
    expect(placeOf(where, 'fr')).toMatchInlineSnapshot(
      `"Activité 1.2.1.3 « Former les acteurs de la chaîne pénale aux techni… » — année 2023"`,
    );
    expect(placeOf(where, 'en')).toMatchInlineSnapshot(
      `"Activity 1.2.1.3 "Former les acteurs de la chaîne pénale aux techni…" — year 2023"`,
    );
    expect(placeOf({ sheet: 'JSON', item: 2, activity: '1.1.1.1', field: 'national' }, 'fr')).toBe(
      'Activité 1.1.1.1 — budget national',
    );
    // Findings stored before they named their activity.
    expect(placeOf({ sheet: 'JSON', cell: 'lines[3].years.2023' }, 'fr')).toBe(
      'Ligne 4 du retour — année 2023',
    );
    expect(placeOf({ sheet: 'JSON', cell: 'lines[0].external' }, 'en')).toBe(
      'Line 1 of the return — external funding',
    );
  });

  it('names a line without a code', () => {
    const f = finding('negative_amount', 'error', at, { activity: '', field: 'total' }, { actual: -1 });
    expect(messageOf(f, 'fr')).toMatch(/^Activité \(sans code\) : montant négatif \(-1 million FCFA\)/);
    expect(messageOf(f, 'en')).toMatch(/^Activity \(no code\): negative amount/);
  });
});
