/**
 * The words of the execution follow-up's workbook, in French and English: sheet names, column
 * headers, the states of an activity, the prompts of the cells people type into, and the short
 * instructions. Findings are worded with every other finding, in ../messages.
 */
import type { Lang } from '../layout.ts';
import type { ExecutionState } from './model.ts';

export interface ExecutionWording {
  sheets: { instructions: string; execution: string; indicators: string; lists: string };
  title: (period: string) => string;
  scopeMinistry: (code: string, name: string) => string;
  scopeWholePlan: string;
  identity: (planId: string, planVersion: string, period: string) => string;
  groups: { committed: string; disbursed: string };
  headers: {
    code: string;
    title: string;
    result: string;
    responsible: string;
    planned: (year: number) => string;
    national: string;
    external: string;
    total: string;
    rate: string;
    state: string;
    comment: string;
  };
  indicatorHeaders: {
    result: string;
    resultTitle: string;
    number: string;
    indicator: string;
    unit: string;
    baseline: string;
    target: string;
    value: string;
    comment: string;
  };
  states: Record<ExecutionState, string>;
  listHeader: string;
  total: string;
  prompts: {
    amount: { title: string; message: string };
    amountError: { title: string; message: string };
    state: { title: string; message: string };
    stateError: { title: string; message: string };
    value: { title: string; message: string };
  };
  instructionsTitle: string;
  instructions: string[];
}

const fr: ExecutionWording = {
  sheets: {
    instructions: "Mode d'emploi",
    execution: 'Exécution',
    indicators: 'Indicateurs',
    lists: 'Listes',
  },
  title: (period) => `Suivi de l'exécution — période ${period}`,
  scopeMinistry: (code, name) => `Ministère : ${code} — ${name}`,
  scopeWholePlan: 'Toutes les activités du plan',
  identity: (planId, planVersion, period) =>
    `Plan ${planId}, version ${planVersion} · période ${period} · montants en millions de FCFA`,
  groups: { committed: 'Engagé', disbursed: 'Décaissé' },
  headers: {
    code: 'Code',
    title: 'Activité',
    result: 'Résultat',
    responsible: 'Responsable',
    planned: (year) => `Prévu ${year}`,
    national: 'Budget national',
    external: 'Extérieur',
    total: 'Total',
    rate: 'Taux de décaissement',
    state: 'État',
    comment: 'Commentaire',
  },
  indicatorHeaders: {
    result: 'Résultat',
    resultTitle: 'Intitulé du résultat',
    number: 'N°',
    indicator: 'Indicateur',
    unit: 'Unité',
    baseline: 'Référence',
    target: 'Cible',
    value: 'Valeur atteinte',
    comment: 'Commentaire',
  },
  states: { not_started: 'Non démarrée', ongoing: 'En cours', done: 'Achevée', abandoned: 'Abandonnée' },
  listHeader: 'États',
  total: 'TOTAL',
  prompts: {
    amount: {
      title: 'Montant exécuté',
      message: 'En millions de FCFA, pour la période. Laissez vide si rien n’a été engagé ou décaissé.',
    },
    amountError: {
      title: 'Montant invalide',
      message: 'Saisissez un nombre positif ou nul, en millions de FCFA.',
    },
    state: {
      title: 'État de l’activité',
      message: 'Choisissez l’état physique de l’activité à la fin de la période.',
    },
    stateError: { title: 'État invalide', message: 'Choisissez un état dans la liste.' },
    value: { title: 'Valeur atteinte', message: 'Dans l’unité de l’indicateur, à la fin de la période.' },
  },
  instructionsTitle: "Mode d'emploi du suivi de l'exécution",
  instructions: [
    'Ce classeur sert à rendre compte de ce qui a été exécuté, pendant la période, des activités du plan dont votre ministère est responsable.',
    'Feuille « Exécution », cellules jaunes : pour chaque activité, les montants engagés et décaissés, en millions de FCFA, sur le budget national et sur financement extérieur ; l’état physique de l’activité ; un commentaire.',
    'Le décaissé ne peut pas dépasser l’engagé. La colonne « Prévu » rappelle ce que votre ministère a prévu pour l’année : un engagement qui le dépasse nettement est signalé.',
    'Feuille « Indicateurs » : pour chaque indicateur des résultats, la valeur atteinte à la fin de la période, dans son unité.',
    'Saisissez des nombres, pas du texte ni des formules : un montant saisi comme du texte n’est pas compté par les totaux, et PAC le signale.',
    'Vérifiez puis envoyez avec le complément PAC, ou envoyez le fichier au Secrétariat permanent.',
  ],
};

const en: ExecutionWording = {
  sheets: { instructions: 'Instructions', execution: 'Execution', indicators: 'Indicators', lists: 'Lists' },
  title: (period) => `Execution follow-up — period ${period}`,
  scopeMinistry: (code, name) => `Ministry: ${code} — ${name}`,
  scopeWholePlan: "All of the plan's activities",
  identity: (planId, planVersion, period) =>
    `Plan ${planId}, version ${planVersion} · period ${period} · amounts in million FCFA`,
  groups: { committed: 'Committed', disbursed: 'Disbursed' },
  headers: {
    code: 'Code',
    title: 'Activity',
    result: 'Result',
    responsible: 'Responsible',
    planned: (year) => `Planned ${year}`,
    national: 'National budget',
    external: 'External',
    total: 'Total',
    rate: 'Disbursement rate',
    state: 'State',
    comment: 'Comment',
  },
  indicatorHeaders: {
    result: 'Result',
    resultTitle: 'Result title',
    number: 'No.',
    indicator: 'Indicator',
    unit: 'Unit',
    baseline: 'Baseline',
    target: 'Target',
    value: 'Value reached',
    comment: 'Comment',
  },
  states: { not_started: 'Not started', ongoing: 'Ongoing', done: 'Done', abandoned: 'Abandoned' },
  listHeader: 'States',
  total: 'TOTAL',
  prompts: {
    amount: {
      title: 'Amount executed',
      message: 'In million FCFA, for the period. Leave empty if nothing was committed or disbursed.',
    },
    amountError: { title: 'Invalid amount', message: 'Enter a positive number or zero, in million FCFA.' },
    state: {
      title: 'Activity state',
      message: "Choose the activity's physical state at the end of the period.",
    },
    stateError: { title: 'Invalid state', message: 'Choose a state from the list.' },
    value: { title: 'Value reached', message: "In the indicator's unit, at the end of the period." },
  },
  instructionsTitle: 'Instructions for the execution follow-up',
  instructions: [
    "This workbook reports what was executed, during the period, of the plan's activities your ministry is responsible for.",
    '"Execution" sheet, yellow cells: for each activity, the amounts committed and disbursed, in million FCFA, from the national budget and from external funding; its physical state; a comment.',
    'Disbursed cannot exceed committed. The "Planned" column recalls what your ministry planned for the year: a commitment well above it is flagged.',
    '"Indicators" sheet: for each indicator of the results, the value reached at the end of the period, in its unit.',
    'Type numbers, not text or formulas: an amount typed as text is not counted by the totals, and PAC reports it.',
    'Check and send with the PAC add-in, or send the file to the Permanent Secretariat.',
  ],
};

export const EXECUTION_WORDING: Readonly<Record<Lang, ExecutionWording>> = { fr, en };

/** A state as typed, in either language, without case or accents; null when it is none of them. */
export function readState(text: string): ExecutionState | null {
  const key = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[\s\u00a0]+/g, ' ')
      .trim()
      .toLowerCase();
  const wanted = key(text);
  for (const w of [fr, en]) {
    for (const [state, label] of Object.entries(w.states))
      if (key(label) === wanted) return state as ExecutionState;
  }
  return null;
}
