/**
 * Every sentence of the dashboard's execution page (« Exécution »), French first and English, one
 * table per language with the same keys: the type makes a missing key a compile error. The rest of
 * the dashboard's words are in ./wording.ts.
 */
import type { Lang } from '#core';
import type { ExecutionStateName } from './execution-api.ts';

export interface ExecutionWording {
  heading: string;
  intro: string;
  periodLabel: string;
  noPeriod: string;
  show: string;
  openHeading: string;
  keyLabel: string;
  keyHint: string;
  deadlineLabel: string;
  openButton: string;
  opening: string;
  opened: (key: string) => string;
  periodLine: (key: string, deadline: string | null, openedAt: string) => string;
  statusHeading: (key: string) => string;
  statusCaption: string;
  col: {
    ministry: string;
    state: string;
    version: string;
    submittedAt: string;
    errors: string;
    warnings: string;
    action: string;
    pillar: string;
    result: string;
    source: string;
    planned: string;
    committed: string;
    disbursed: string;
    rateCommitted: string;
    rateDisbursed: string;
    rateOfCommitted: string;
    reported: string;
    indicator: string;
    baseline: string;
    target: string;
    value: string;
    progress: string;
  };
  states: Record<ExecutionStateName, string>;
  accept: string;
  returnIt: string;
  acceptLabel: (ministry: string) => string;
  returnLabel: (ministry: string) => string;
  commentLabel: (ministry: string) => string;
  commentHint: string;
  commentMissing: string;
  confirmReturn: string;
  cancel: string;
  reviewed: Record<'accept' | 'return', (ministry: string) => string>;
  ratesHeading: string;
  totalLine: (planned: string, committed: string, disbursed: string, rate: string) => string;
  byPillar: string;
  byResult: string;
  byMinistry: string;
  bySource: string;
  national: string;
  external: string;
  total: string;
  chartTitle: (scope: string, unit: string) => string;
  chartDesc: (label: string, disbursed: string, planned: string) => string;
  legendDisbursed: string;
  legendPlanned: string;
  indicatorsHeading: string;
  indicatorsCaption: string;
  indicatorsNone: string;
  heatHeading: string;
  heatCaption: string;
  heatNote: string;
  heatNone: string;
  downloadsHeading: string;
  reviewWorkbook: (key: string) => string;
  annualPlan: (year: number) => string;
  downloading: string;
}

const fr: ExecutionWording = {
  heading: "Suivi de l'exécution",
  intro:
    "Les ministères rendent, pour chaque période, l'engagé et le décaissé de leurs activités (budget national et financement extérieur), leur état et la valeur atteinte par les indicateurs.",
  periodLabel: 'Période',
  noPeriod: "Aucune période de suivi n'est encore ouverte pour ce plan : ouvrez-en une ci-dessous.",
  show: 'Afficher',
  openHeading: 'Ouvrir une période de suivi',
  keyLabel: 'Période (année, ou semestre)',
  keyHint: 'Par exemple 2026, ou 2026-S1 pour le premier semestre.',
  deadlineLabel: 'Date limite de remise (facultative)',
  openButton: 'Ouvrir la période',
  opening: 'Ouverture…',
  opened: (key) => `Période ${key} ouverte : les ministères peuvent y rendre leur suivi.`,
  periodLine: (key, deadline, openedAt) =>
    `Période ${key} · ${deadline ? `à rendre le ${deadline}` : 'sans date limite'} · ouverte le ${openedAt}`,
  statusHeading: (key) => `Remise du suivi ${key} par ministère`,
  statusCaption: 'État du suivi de chaque ministère pour la période',
  col: {
    ministry: 'Ministère',
    state: 'État',
    version: 'Version',
    submittedAt: 'Reçu le',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    action: 'Décision',
    pillar: 'Pilier',
    result: 'Résultat',
    source: 'Source de financement',
    planned: 'Prévu',
    committed: 'Engagé',
    disbursed: 'Décaissé',
    rateCommitted: 'Taux d’engagement',
    rateDisbursed: 'Taux de décaissement',
    rateOfCommitted: 'Décaissé / engagé',
    reported: 'Activités renseignées',
    indicator: 'Indicateur',
    baseline: 'Référence',
    target: 'Cible',
    value: 'Valeur atteinte',
    progress: 'Progression',
  },
  states: {
    not_started: 'Pas encore rendu',
    refused: 'Envoi refusé',
    submitted: 'Reçu',
    returned: 'Renvoyé',
    accepted: 'Accepté',
  },
  accept: 'Accepter',
  returnIt: 'Renvoyer',
  acceptLabel: (m) => `Accepter le suivi de ${m}`,
  returnLabel: (m) => `Renvoyer le suivi de ${m} avec un commentaire`,
  commentLabel: (m) => `Commentaire pour ${m} (obligatoire pour renvoyer)`,
  commentHint: 'Le ministère lit ce commentaire dans son volet PAC.',
  commentMissing: 'Écrivez un commentaire : il dit au ministère quoi corriger.',
  confirmReturn: 'Renvoyer avec ce commentaire',
  cancel: 'Annuler',
  reviewed: {
    accept: (m) => `Suivi de ${m} accepté.`,
    return: (m) => `Suivi de ${m} renvoyé avec votre commentaire.`,
  },
  ratesHeading: "Taux d'exécution",
  totalLine: (planned, committed, disbursed, rate) =>
    `Prévu ${planned} · engagé ${committed} · décaissé ${disbursed} · taux de décaissement ${rate}`,
  byPillar: 'Par pilier',
  byResult: 'Par résultat',
  byMinistry: 'Par ministère',
  bySource: 'Par source de financement',
  national: 'Budget national',
  external: 'Financement extérieur',
  total: 'Total',
  chartTitle: (scope, unit) => `Décaissé et prévu ${scope} (${unit})`,
  chartDesc: (label, disbursed, planned) => `${label} : décaissé ${disbursed}, prévu ${planned}`,
  legendDisbursed: 'Décaissé',
  legendPlanned: 'Prévu',
  indicatorsHeading: 'Indicateurs : valeur atteinte, référence et cible',
  indicatorsCaption: 'Valeur atteinte par chaque indicateur, avec sa référence et sa cible',
  indicatorsNone: "Aucune valeur d'indicateur rendue pour cette période.",
  heatHeading: 'Taux de décaissement par ministère et par année',
  heatCaption: 'Taux de décaissement (décaissé ÷ prévu) de chaque ministère, année par année',
  heatNote: 'Plus la case est foncée, plus le taux est élevé ; le taux est toujours écrit.',
  heatNone: 'Pas encore de suivi rendu.',
  downloadsHeading: 'Classeurs',
  reviewWorkbook: (key) => `Classeur de revue de l'exécution ${key} (.xlsx)`,
  annualPlan: (year) => `Plan d'action annuel ${year} (.xlsx)`,
  downloading: 'Téléchargement…',
};

const en: ExecutionWording = {
  heading: 'Execution follow-up',
  intro:
    "For each period, ministries report what was committed and disbursed on their activities (national budget and external funding), each activity's state and the value their indicators reached.",
  periodLabel: 'Period',
  noPeriod: 'No reporting period is open for this plan yet: open one below.',
  show: 'Show',
  openHeading: 'Open a reporting period',
  keyLabel: 'Period (a year, or a half-year)',
  keyHint: 'For example 2026, or 2026-S1 for the first half.',
  deadlineLabel: 'Deadline (optional)',
  openButton: 'Open the period',
  opening: 'Opening…',
  opened: (key) => `Period ${key} opened: ministries can now report on it.`,
  periodLine: (key, deadline, openedAt) =>
    `Period ${key} · ${deadline ? `due ${deadline}` : 'no deadline'} · opened ${openedAt}`,
  statusHeading: (key) => `Follow-up ${key} by ministry`,
  statusCaption: "Each ministry's follow-up for the period",
  col: {
    ministry: 'Ministry',
    state: 'State',
    version: 'Version',
    submittedAt: 'Received',
    errors: 'Errors',
    warnings: 'Warnings',
    action: 'Decision',
    pillar: 'Pillar',
    result: 'Result',
    source: 'Funding source',
    planned: 'Planned',
    committed: 'Committed',
    disbursed: 'Disbursed',
    rateCommitted: 'Commitment rate',
    rateDisbursed: 'Disbursement rate',
    rateOfCommitted: 'Disbursed / committed',
    reported: 'Activities reported',
    indicator: 'Indicator',
    baseline: 'Baseline',
    target: 'Target',
    value: 'Value reached',
    progress: 'Progress',
  },
  states: {
    not_started: 'Not yet reported',
    refused: 'Send refused',
    submitted: 'Received',
    returned: 'Returned',
    accepted: 'Accepted',
  },
  accept: 'Accept',
  returnIt: 'Return',
  acceptLabel: (m) => `Accept the follow-up of ${m}`,
  returnLabel: (m) => `Return the follow-up of ${m} with a comment`,
  commentLabel: (m) => `Comment for ${m} (required to return)`,
  commentHint: 'The ministry reads this comment in its PAC pane.',
  commentMissing: 'Write a comment: it tells the ministry what to correct.',
  confirmReturn: 'Return with this comment',
  cancel: 'Cancel',
  reviewed: {
    accept: (m) => `Follow-up of ${m} accepted.`,
    return: (m) => `Follow-up of ${m} returned with your comment.`,
  },
  ratesHeading: 'Execution rates',
  totalLine: (planned, committed, disbursed, rate) =>
    `Planned ${planned} · committed ${committed} · disbursed ${disbursed} · disbursement rate ${rate}`,
  byPillar: 'By pillar',
  byResult: 'By result',
  byMinistry: 'By ministry',
  bySource: 'By funding source',
  national: 'National budget',
  external: 'External funding',
  total: 'Total',
  chartTitle: (scope, unit) => `Disbursed and planned ${scope} (${unit})`,
  chartDesc: (label, disbursed, planned) => `${label}: disbursed ${disbursed}, planned ${planned}`,
  legendDisbursed: 'Disbursed',
  legendPlanned: 'Planned',
  indicatorsHeading: 'Indicators: value reached, baseline and target',
  indicatorsCaption: 'Value reached by each indicator, with its baseline and target',
  indicatorsNone: 'No indicator value reported for this period.',
  heatHeading: 'Disbursement rate by ministry and year',
  heatCaption: "Each ministry's disbursement rate (disbursed ÷ planned), year by year",
  heatNote: 'The darker the cell, the higher the rate; the rate is always written.',
  heatNone: 'No follow-up reported yet.',
  downloadsHeading: 'Workbooks',
  reviewWorkbook: (key) => `Execution review workbook ${key} (.xlsx)`,
  annualPlan: (year) => `Annual action plan ${year} (.xlsx)`,
  downloading: 'Downloading…',
};

export const EXECUTION_PAGE_WORDING: Readonly<Record<Lang, ExecutionWording>> = { fr, en };
