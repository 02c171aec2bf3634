/**
 * What the pane says in execution mode (« suivi de l'exécution »), in French first and in English,
 * one table per language with the same keys (the type makes a missing key a compile error). The
 * findings themselves are worded by ../messages, as for planning returns.
 */
import type { Lang } from '../layout.ts';

export type ExecutionReviewState = 'submitted' | 'returned' | 'accepted';

export interface ExecutionPaneWording {
  heading: string;
  workbookExecution: (period: string, ministry: string | null) => string;
  getTemplate: string;
  stepPeriods: string;
  stepWritingTemplate: string;
  periodsIntro: string;
  periodsNone: string;
  periodLine: (key: string, deadline: string | null) => string;
  insert: (key: string) => string;
  inserted: (period: string, activities: number) => string;
  needEmptyWorkbook: (names: string) => string;
  sheetMissing: (sheet: string) => string;
  outdated: (sheetVersion: string, planVersion: string) => string;
  send: string;
  submitBlocked: (errors: number) => string;
  receipt: (period: string, version: number, when: string) => string;
  receiptWarnings: (n: number) => string;
  sendRefused: (message: string) => string;
  pendingKept: string;
  latestNone: (period: string) => string;
  latest: (period: string, version: number, state: string, when: string) => string;
  states: Record<ExecutionReviewState, string>;
  returnedComment: (comment: string) => string;
}

const frDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

export const EXECUTION_PANE_WORDING: Readonly<Record<Lang, ExecutionPaneWording>> = {
  fr: {
    heading: "Suivi de l'exécution",
    workbookExecution: (period, ministry) =>
      `Classeur de suivi de l'exécution, période ${period}${ministry ? ` (${ministry})` : ''}.`,
    getTemplate: "Télécharger le modèle d'exécution",
    stepPeriods: 'Recherche des périodes ouvertes…',
    stepWritingTemplate: "Écriture du modèle d'exécution…",
    periodsIntro: 'Périodes de suivi ouvertes : choisissez celle à remplir.',
    periodsNone: "Aucune période de suivi n'est ouverte pour le moment.",
    periodLine: (key, deadline) =>
      deadline ? `Période ${key}, à rendre le ${frDate(deadline)}` : `Période ${key}`,
    insert: (key) => `Insérer le modèle ${key}`,
    inserted: (period, activities) =>
      `Modèle d'exécution ${period} inséré : ${activities} activité${activities < 2 ? '' : 's'}. Saisissez l'engagé, le décaissé, l'état et un commentaire, puis « Vérifier ».`,
    needEmptyWorkbook: (names) =>
      `Ce classeur contient déjà des feuilles de PAC (${names}). Ouvrez un nouveau classeur vide pour y insérer le modèle d'exécution.`,
    sheetMissing: (sheet) => `La feuille « ${sheet} » manque dans ce classeur de suivi.`,
    outdated: (sheetVersion, planVersion) =>
      `Ce classeur de suivi a été fait sur la version ${sheetVersion} du plan ; la version en vigueur est ${planVersion}. Insérez le modèle d'exécution à nouveau dans un classeur vide.`,
    send: 'Envoyer',
    submitBlocked: (errors) =>
      `Envoi impossible : ${errors} erreur${errors < 2 ? '' : 's'} à corriger d'abord (voir la liste).`,
    receipt: (period, version, when) => `Suivi ${period} reçu : version ${version}, le ${when}.`,
    receiptWarnings: (n) =>
      `Le service a relevé ${n} avertissement${n < 2 ? '' : 's'} ; le suivi est tout de même reçu.`,
    sendRefused: (message) => `Suivi refusé par le service : ${message}`,
    pendingKept:
      'Pas de réponse du service : le suivi est gardé sur cet ordinateur. Cliquez « Envoyer » à nouveau une fois en ligne (même contenu, même clé : jamais de doublon).',
    latestNone: (period) => `Aucun suivi envoyé pour la période ${period}.`,
    latest: (period, version, state, when) => `Suivi ${period}, version ${version} du ${when} : ${state}.`,
    states: {
      submitted: 'reçu, en attente de revue',
      returned: 'renvoyé pour correction',
      accepted: 'accepté',
    },
    returnedComment: (comment) => `Commentaire du Secrétariat permanent : ${comment}`,
  },
  en: {
    heading: 'Execution follow-up',
    workbookExecution: (period, ministry) =>
      `Execution follow-up workbook, period ${period}${ministry ? ` (${ministry})` : ''}.`,
    getTemplate: 'Get the execution template',
    stepPeriods: 'Looking for open periods…',
    stepWritingTemplate: 'Writing the execution template…',
    periodsIntro: 'Open reporting periods: choose the one to fill in.',
    periodsNone: 'No reporting period is open at the moment.',
    periodLine: (key, deadline) =>
      deadline ? `Period ${key}, due ${deadline.slice(0, 10)}` : `Period ${key}`,
    insert: (key) => `Insert the ${key} template`,
    inserted: (period, activities) =>
      `Execution template ${period} inserted: ${activities} activit${activities === 1 ? 'y' : 'ies'}. Enter what was committed and disbursed, the state and a comment, then “Check”.`,
    needEmptyWorkbook: (names) =>
      `This workbook already has PAC sheets (${names}). Open a new empty workbook to insert the execution template.`,
    sheetMissing: (sheet) => `The “${sheet}” sheet is missing from this follow-up workbook.`,
    outdated: (sheetVersion, planVersion) =>
      `This follow-up workbook was made on plan version ${sheetVersion}; the current version is ${planVersion}. Insert the execution template again into an empty workbook.`,
    send: 'Send',
    submitBlocked: (errors) =>
      `Cannot send: ${errors} error${errors === 1 ? '' : 's'} to correct first (see the list).`,
    receipt: (period, version, when) => `Follow-up ${period} received: version ${version}, on ${when}.`,
    receiptWarnings: (n) =>
      `The service noted ${n} warning${n === 1 ? '' : 's'}; the follow-up is received all the same.`,
    sendRefused: (message) => `Follow-up refused by the service: ${message}`,
    pendingKept:
      'No answer from the service: the follow-up is kept on this computer. Click “Send” again once online (same content, same key: never a duplicate).',
    latestNone: (period) => `No follow-up sent for period ${period}.`,
    latest: (period, version, state, when) => `Follow-up ${period}, version ${version} of ${when}: ${state}.`,
    states: {
      submitted: 'received, awaiting review',
      returned: 'returned for correction',
      accepted: 'accepted',
    },
    returnedComment: (comment) => `Comment from the Permanent Secretariat: ${comment}`,
  },
};
