/**
 * The words of a comparison of two cycles' plans (./plan-diff.ts), in French and English: one
 * wording for `pac plan diff` and the dashboard's view, so that both name each kind the same way.
 */
import type { Lang } from './layout.ts';
import { formatMoney, moneyFromDecimal } from './money.ts';
import type { CyclePlanRef } from './plan-diff.ts';
import { unitWords } from './plan-words.ts';

export type CycleKind = 'kept' | 'renamed' | 'renumbered' | 'merged' | 'split' | 'dropped' | 'added';

export const CYCLE_KINDS: readonly CycleKind[] = [
  'kept',
  'renamed',
  'renumbered',
  'merged',
  'split',
  'dropped',
  'added',
];

export interface CycleDiffWords {
  title: (oldId: string, newId: string) => string;
  kinds: Record<CycleKind, string>;
  /** What each kind means, in one line, for the reader who did not read the rules. */
  meaning: Record<CycleKind, string>;
  counts: string;
  /** "103 activités → 102" */
  activityCounts: (before: number, after: number) => string;
  kind: string;
  number: string;
  meaningHead: string;
  code: string;
  oldCode: string;
  newCode: string;
  oldTitle: string;
  newTitle: string;
  activityTitle: string;
  cost: string;
  similarity: string;
  pillar: string;
  ministry: string;
  total: string;
  /** Heading of a plan's amounts column: its id and unit. */
  amountsOf: (id: string, unit: string) => string;
  change: string;
  percent: string;
  moneyByPillar: string;
  moneyByMinistry: string;
  differentUnits: (oldUnit: string, newUnit: string) => string;
  absent: string;
  none: string;
}

export const CYCLE_DIFF_WORDS: Record<Lang, CycleDiffWords> = {
  fr: {
    title: (o, n) => `Du plan ${o} au plan ${n}`,
    kinds: {
      kept: 'Conservées',
      renamed: 'Renommées',
      renumbered: 'Renumérotées',
      merged: 'Fusionnées',
      split: 'Scindées',
      dropped: 'Abandonnées',
      added: 'Nouvelles',
    },
    meaning: {
      kept: 'même code, même intitulé (casse, accents et espaces mis à part)',
      renamed: 'même code, intitulé changé',
      renumbered: 'code changé, intitulé identique ou très proche',
      merged: 'plusieurs activités anciennes réunies en une nouvelle',
      split: 'une activité ancienne répartie en plusieurs nouvelles',
      dropped: 'ancienne activité sans correspondance dans le nouveau plan',
      added: 'nouvelle activité sans correspondance dans l’ancien plan',
    },
    counts: 'Activités',
    activityCounts: (o, n) => `Activités : ${o} → ${n}`,
    kind: 'Sort',
    number: 'Nombre',
    meaningHead: 'Signification',
    code: 'Code',
    oldCode: 'Ancien code',
    newCode: 'Nouveau code',
    oldTitle: 'Ancien intitulé',
    newTitle: 'Nouvel intitulé',
    activityTitle: 'Intitulé',
    cost: 'Coût',
    similarity: 'Ressemblance',
    pillar: 'Pilier',
    ministry: 'Ministère',
    total: 'Total',
    amountsOf: (id, unit) => `${id} (${unit})`,
    change: 'Écart',
    percent: 'Écart %',
    moneyByPillar: 'Coûts par pilier',
    moneyByMinistry: 'Coûts par ministère responsable',
    differentUnits: (o, n) =>
      `Les deux plans ne comptent pas dans la même unité (${o} et ${n}) : les montants sont donnés chacun dans son unité, sans écart calculé.`,
    absent: '—',
    none: 'aucune',
  },
  en: {
    title: (o, n) => `From plan ${o} to plan ${n}`,
    kinds: {
      kept: 'Kept',
      renamed: 'Renamed',
      renumbered: 'Renumbered',
      merged: 'Merged',
      split: 'Split',
      dropped: 'Dropped',
      added: 'Added',
    },
    meaning: {
      kept: 'same code, same title (case, accents and spaces aside)',
      renamed: 'same code, title changed',
      renumbered: 'code changed, same or very close title',
      merged: 'several old activities brought together into one new one',
      split: 'one old activity spread over several new ones',
      dropped: 'old activity with no counterpart in the new plan',
      added: 'new activity with no counterpart in the old plan',
    },
    counts: 'Activities',
    activityCounts: (o, n) => `Activities: ${o} → ${n}`,
    kind: 'Outcome',
    number: 'Number',
    meaningHead: 'Meaning',
    code: 'Code',
    oldCode: 'Old code',
    newCode: 'New code',
    oldTitle: 'Old title',
    newTitle: 'New title',
    activityTitle: 'Title',
    cost: 'Cost',
    similarity: 'Likeness',
    pillar: 'Pillar',
    ministry: 'Ministry',
    total: 'Total',
    amountsOf: (id, unit) => `${id} (${unit})`,
    change: 'Change',
    percent: 'Change %',
    moneyByPillar: 'Costs per pillar',
    moneyByMinistry: 'Costs per lead ministry',
    differentUnits: (o, n) =>
      `The two plans do not count in the same unit (${o} and ${n}): each amount is given in its own unit, with no change computed.`,
    absent: '—',
    none: 'none',
  },
};

/** A plan's unit as the reader's language says it: the plan's own words in French. */
export function cycleUnitLabel(ref: CyclePlanRef, lang: Lang): string {
  return lang === 'fr' ? ref.unitLabel : unitWords(ref.unit).en;
}

/** A decimal amount of the comparison ("1500.5") as people read it; a dash when there is none. */
export function cycleAmount(decimal: string | null, lang: Lang): string {
  const value = decimal === null ? null : moneyFromDecimal(decimal);
  return value === null ? '—' : formatMoney(value, lang);
}
