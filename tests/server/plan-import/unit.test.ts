// Amount units as headers and the --unit option write them: read, or said unreadable — never guessed.
import { describe, expect, it } from 'vitest';
import { readUnit } from '../../../server/plan-import/unit.ts';

describe('readUnit', () => {
  it.each([
    ['Coût en millions de FCFA', 'millions FCFA', 1_000_000, 'FCFA'],
    ['Coût en Millions de Francs CFA', 'millions FCFA', 1_000_000, 'FCFA'],
    ['Coût (en milliers de FCFA)', 'milliers FCFA', 1_000, 'FCFA'],
    ['Montant (000 FCFA)', 'milliers FCFA', 1_000, 'FCFA'],
    ['Coût en milliards de F CFA', 'milliards FCFA', 1_000_000_000, 'FCFA'],
    ['Coût (millions USD)', 'millions USD', 1_000_000, 'USD'],
    ['Budget en euros', 'EUR', 1, 'EUR'],
    ['Coût en millions de GNF', 'millions GNF', 1_000_000, 'GNF'],
    ['Coût en millions', 'millions FCFA', 1_000_000, 'FCFA'],
    ['milliers FCFA', 'milliers FCFA', 1_000, 'FCFA'],
    ['Coût en millions FCFA (ou PM)', 'millions FCFA', 1_000_000, 'FCFA'],
  ])('%j → %s', (text, label, multiplier, currency) => {
    expect(readUnit(text)).toEqual({ kind: 'unit', unit: { label, multiplier, currency } });
  });

  it('says when a header states no unit, and when it states one it cannot read', () => {
    expect(readUnit('Coût')).toEqual({ kind: 'none' });
    expect(readUnit('Coût estimatif')).toEqual({ kind: 'none' });
    expect(readUnit('Coût en dinars')).toEqual({ kind: 'unreadable' });
    expect(readUnit('Coût en millions de têtes')).toEqual({ kind: 'unreadable' });
  });
});
