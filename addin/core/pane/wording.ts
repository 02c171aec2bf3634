/**
 * Every sentence the pane shows, in French (the working language) and in English, one table per
 * language with the same keys: the type makes a key missing from either table a compile error.
 * Finding messages come from ../messages and the service's errors carry their own wording
 * (`messages.fr` / `messages.en`); the titles of groups of findings are in ./group-wording.ts;
 * everything else the pane says is here.
 */
import type { Lang } from '../layout.ts';
import type { Blocker } from './availability.ts';
import { GROUP_TITLES, type GroupTitles } from './group-wording.ts';

export interface PaneWording {
  title: string;
  /** Under the title: the cached plan's own title, or what PAC is before a plan is known. */
  subtitle: (planTitle: string | null) => string;
  langSwitch: string;
  // Connection
  connectionHeading: string;
  serviceLabel: string;
  tokenLabel: string;
  tokenHint: string;
  connect: string;
  disconnect: string;
  connecting: string;
  connectedAs: (label: string, ministry: string | null) => string;
  offline: string;
  notConnected: string;
  tokenRefused: (message: string) => string;
  notMinistryToken: string;
  /** The plan picker (./plan-choice.ts), when several plans are open to the ministry. */
  planLabel: string;
  planOption: (title: string, id: string, version: string) => string;
  planHint: string;
  // Workbook
  workbookHeading: string;
  workbookUnknown: string;
  workbookEmpty: string;
  workbookTemplate: (ministry: string | null, planVersion: string) => string;
  workbookLegacy: (tables: number) => string;
  workbookOutdated: (sheetVersion: string, planVersion: string) => string;
  setUp: string;
  update: string;
  convert: string;
  sheetsExist: (names: string) => string;
  planCached: (version: string, when: string) => string;
  noPlan: string;
  planUnavailableOffline: string;
  // Long steps
  stepReading: string;
  stepChecking: string;
  stepPlan: string;
  stepWriting: string;
  stepMarking: string;
  stepFixing: string;
  stepSending: string;
  stepImporting: string;
  // Setup, update and import outcomes
  setUpDone: (activities: number) => string;
  updateDone: string;
  changesHeading: string;
  changeAdded: (codes: string) => string;
  changeRenamed: (code: string, before: string, after: string) => string;
  changeWithdrawn: (codes: string, sheet: string) => string;
  changeRestored: (codes: string) => string;
  changeKept: (rows: number) => string;
  changeNone: string;
  changePlanVersion: (before: string, after: string) => string;
  importDone: (imported: number, skipped: number) => string;
  importNothing: string;
  importSkippedHeading: string;
  importMissing: (codes: string) => string;
  // Check
  check: string;
  checkHeading: string;
  noFindings: string;
  summary: (errors: number, warnings: number) => string;
  errorsHeading: (n: number) => string;
  warningsHeading: (n: number) => string;
  moreFindings: (n: number) => string;
  sheetWide: string;
  /** « 13 lignes à remplir »: the title of a group of findings of one code. */
  findingGroups: GroupTitles;
  serverFindings: string;
  notATemplate: string;
  // Converting text to numbers
  fixOfferIntro: (n: number) => string;
  fixOffer: (n: number) => string;
  fixHeading: string;
  fixIntro: string;
  fixLine: (place: string, text: string, value: string) => string;
  fixConfirm: string;
  fixCancel: string;
  fixDone: (n: number) => string;
  // Submit
  submit: string;
  submitBlocked: (errors: number) => string;
  receipt: (version: number, when: string) => string;
  /** A return sent again after its answer was lost: the service already had it as `version`. */
  receiptReplayed: (version: number, when: string) => string;
  receiptWarnings: (warnings: number) => string;
  pendingKept: (when: string) => string;
  pendingShort: (when: string, attempts: number) => string;
  retryNow: string;
  sendRefused: (message: string) => string;
  sendFailedKept: (message: string) => string;
  planOutdated: string;
  // Review
  reviewHeading: string;
  reviewNone: string;
  reviewLatest: (version: number, state: string, when: string) => string;
  reviewState: Record<'submitted' | 'returned' | 'accepted', string>;
  reviewComment: (by: string, comment: string) => string;
  // Why a button is disabled
  blocked: Record<Blocker, string>;
  /** The buttons a reason holds back, then the reason: « « Vérifier », « Soumettre » : … ». */
  blockedFor: (buttons: readonly string[], reason: string) => string;
  // Failures
  hostMissing: string;
  hostTooOld: string;
  unexpected: (message: string) => string;
}

const list = (codes: readonly string[], max = 12): string =>
  codes.length <= max ? codes.join(', ') : `${codes.slice(0, max).join(', ')}…`;

/** "1 erreur", "0 erreur", "2 erreurs": French takes the singular below 2. */
const fr = (n: number, one: string, many: string) => `${n} ${n < 2 ? one : many}`;
const en = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const PANE_WORDING: Readonly<Record<Lang, PaneWording>> = {
  fr: {
    title: 'PAC',
    subtitle: (planTitle) => planTitle ?? "Plan d'action chiffré",
    langSwitch: 'English',
    connectionHeading: 'Connexion',
    planLabel: 'Plan',
    planOption: (title, id, version) => `${title} (${id}, version ${version})`,
    planHint:
      'Plusieurs plans sont ouverts à votre ministère : le modèle, les contrôles et l’envoi sont pour le plan choisi.',
    serviceLabel: 'Adresse du service',
    tokenLabel: "Jeton d'accès",
    tokenHint: 'Remis par le Secrétariat permanent. Il reste sur cet ordinateur, jamais dans le classeur.',
    connect: 'Se connecter',
    disconnect: 'Se déconnecter',
    connecting: 'Connexion…',
    connectedAs: (label, ministry) => `Connecté : ${label}${ministry ? ` (${ministry})` : ''}`,
    offline: 'Hors ligne',
    notConnected: 'Non connecté',
    tokenRefused: (message) => `Connexion refusée : ${message}`,
    notMinistryToken:
      "Ce jeton n'est pas celui d'un ministère : la préparation et l'envoi d'un retour demandent un jeton de ministère.",
    workbookHeading: 'Classeur',
    workbookUnknown: 'Classeur non lu.',
    workbookEmpty: "Ce classeur n'a pas encore la feuille PAC.",
    workbookTemplate: (ministry, planVersion) =>
      `Modèle PAC ${ministry ? `de ${ministry}` : 'du plan complet'}, plan version ${planVersion}.`,
    workbookLegacy: (tables) =>
      `Feuille à l'ancien format du plan détectée (${fr(tables, 'tableau', 'tableaux')}). Elle peut être convertie dans le modèle PAC : les montants et les années d'exécution sont repris.`,
    workbookOutdated: (sheetVersion, planVersion) =>
      `La feuille a été préparée sur la version ${sheetVersion} du plan ; la version en vigueur est ${planVersion}. Mettez-la à jour avant d'envoyer : vos montants sont conservés.`,
    setUp: 'Préparer la feuille',
    update: 'Mettre à jour',
    convert: 'Convertir en modèle PAC',
    sheetsExist: (names) =>
      `Le classeur a déjà des feuilles nommées ${names} qui ne viennent pas de PAC. Renommez-les, ou ouvrez un classeur vide, puis recommencez.`,
    planCached: (version, when) => `Plan version ${version}, enregistré sur cet ordinateur le ${when}.`,
    noPlan: 'Aucun plan enregistré sur cet ordinateur : connectez-vous une fois pour le télécharger.',
    planUnavailableOffline:
      'Hors ligne et aucun plan enregistré sur cet ordinateur : connectez-vous une fois au service pour télécharger le plan, il restera disponible hors ligne.',
    stepReading: 'Lecture de la feuille…',
    stepChecking: 'Vérification…',
    stepPlan: 'Téléchargement du plan…',
    stepWriting: 'Écriture du modèle…',
    stepMarking: 'Marquage des cellules…',
    stepFixing: 'Conversion en nombres…',
    stepSending: 'Envoi…',
    stepImporting: 'Lecture des feuilles…',
    setUpDone: (activities) =>
      `Feuille prête : ${fr(activities, 'activité', 'activités')}. Saisissez les montants dans les cellules jaunes, puis « Vérifier ».`,
    updateDone: 'Feuille mise à jour. Tous les montants saisis sont conservés.',
    changesHeading: 'Ce qui a changé',
    changeAdded: (codes) => `Nouvelles activités ajoutées : ${codes}.`,
    changeRenamed: (code, before, after) => `Activité ${code} renommée : « ${before} » devient « ${after} ».`,
    changeWithdrawn: (codes, sheet) =>
      `Activités retirées du plan : ${codes}. Leurs montants sont conservés dans la feuille « ${sheet} » et ne sont pas envoyés.`,
    changeRestored: (codes) => `Activités revenues dans le plan, avec leurs montants : ${codes}.`,
    changeKept: (rows) => `Montants conservés : ${fr(rows, 'ligne', 'lignes')}.`,
    changeNone: 'Aucune activité ajoutée, renommée ni retirée.',
    changePlanVersion: (before, after) => `Plan : version ${before} → ${after}.`,
    importDone: (imported, skipped) =>
      `Conversion faite : ${fr(imported, 'activité reprise', 'activités reprises')}${skipped > 0 ? `, ${fr(skipped, 'ligne non reprise', 'lignes non reprises')} (voir ci-dessous)` : ''}. Les coûts ont été répartis à parts égales sur les années cochées : ajustez-les, puis « Vérifier ».`,
    importNothing: "Aucun tableau à l'ancien format n'a été trouvé dans les feuilles visibles.",
    importSkippedHeading: 'Lignes non reprises',
    importMissing: (codes) =>
      `Activités du ministère absentes de la feuille (lignes vides dans le modèle) : ${codes}.`,
    check: 'Vérifier',
    checkHeading: 'Vérification',
    noFindings: 'Aucune erreur ni avertissement : le retour peut être envoyé.',
    summary: (errors, warnings) =>
      `${fr(errors, 'erreur', 'erreurs')}, ${fr(warnings, 'avertissement', 'avertissements')}`,
    errorsHeading: (n) => `Erreurs (${n})`,
    warningsHeading: (n) => `Avertissements (${n})`,
    moreFindings: (n) => `… et ${n} de plus.`,
    sheetWide: 'feuille entière',
    findingGroups: GROUP_TITLES.fr,
    serverFindings: 'Le service a refusé le retour ; voici ce qu’il signale :',
    notATemplate: "Ce classeur n'est pas un modèle PAC : préparez d'abord la feuille.",
    fixOfferIntro: (n) =>
      `${fr(n, 'montant saisi', 'montants saisis')} comme du texte ou par une formule : les totaux de la feuille ne ${n < 2 ? 'le' : 'les'} comptent pas. PAC peut ${n < 2 ? "l'écrire en nombre" : 'les écrire en nombres'} ; vous verrez la liste avant.`,
    fixOffer: (n) => `Convertir en nombre (${fr(n, 'cellule', 'cellules')})`,
    fixHeading: 'Convertir en nombres',
    fixIntro:
      'Ces cellules contiennent du texte ou une formule que les totaux de la feuille ne comptent pas comme un montant saisi. PAC va y écrire les nombres suivants :',
    fixLine: (place, text, value) => `${place} : « ${text} » → ${value}`,
    fixConfirm: 'Écrire ces nombres',
    fixCancel: 'Annuler',
    fixDone: (n) =>
      `${fr(n, 'cellule convertie', 'cellules converties')} en nombre ; la feuille a été vérifiée à nouveau.`,
    submit: 'Soumettre',
    submitBlocked: (errors) =>
      `Envoi impossible : ${fr(errors, 'erreur', 'erreurs')} à corriger. Cliquez sur une erreur pour aller à la cellule.`,
    receipt: (version, when) => `Retour reçu : version ${version}, le ${when}.`,
    receiptReplayed: (version, when) =>
      `Ce retour avait déjà été reçu : c'est la version ${version}, du ${when} ; aucune nouvelle version n'a été créée.`,
    receiptWarnings: (warnings) =>
      `${fr(warnings, 'avertissement enregistré', 'avertissements enregistrés')} avec le retour.`,
    pendingKept: (when) =>
      `Hors ligne : le retour préparé le ${when} est conservé sur cet ordinateur et sera envoyé dès que le service répondra (sans doublon).`,
    pendingShort: (when, attempts) =>
      `Retour du ${when} en attente d'envoi (${fr(attempts, 'essai', 'essais')}), conservé sur cet ordinateur.`,
    retryNow: 'Réessayer maintenant',
    sendRefused: (message) => `Retour refusé par le service : ${message}`,
    sendFailedKept: (message) =>
      `Le service n'a pas pu enregistrer le retour (${message}). Il est conservé et sera renvoyé.`,
    planOutdated:
      'Le plan a changé depuis la préparation de la feuille : cliquez sur « Mettre à jour », puis renvoyez.',
    reviewHeading: 'Suivi du Secrétariat permanent',
    reviewNone: 'Aucun retour envoyé pour le moment.',
    reviewLatest: (version, state, when) => `Dernier retour : version ${version} du ${when} — ${state}.`,
    reviewState: {
      submitted: 'reçu, en attente de revue',
      returned: 'renvoyé pour correction',
      accepted: 'accepté',
    },
    reviewComment: (by, comment) => `Commentaire de ${by} : « ${comment} »`,
    blocked: {
      host: "ce volet n'est pas ouvert dans Excel ; voir le message en haut.",
      hostTooOld: 'cette version d’Excel est trop ancienne pour PAC ; voir le message en haut.',
      connection: 'il faut être connecté au service (section « Connexion »).',
      ministry: "le jeton connecté n'est pas celui d'un ministère.",
      sheet: "le classeur n'a pas encore la feuille PAC : préparez-la, ou convertissez l'ancienne, d'abord.",
      plan: 'aucun plan enregistré sur cet ordinateur : connectez-vous une fois pour le télécharger.',
    },
    blockedFor: (buttons, reason) => `${buttons.map((b) => `« ${b} »`).join(', ')} : ${reason}`,
    hostMissing: "Excel n'est pas disponible : ouvrez ce volet depuis Excel, onglet PAC.",
    hostTooOld:
      'Cette version d’Excel est trop ancienne pour PAC (ExcelApi 1.8 requis) : utilisez Excel 2019 ou plus récent, Microsoft 365 ou Excel sur le web.',
    unexpected: (message) => `Erreur inattendue : ${message}`,
  },
  en: {
    title: 'PAC',
    subtitle: (planTitle) => planTitle ?? 'Costed action plan',
    langSwitch: 'Français',
    connectionHeading: 'Connection',
    planLabel: 'Plan',
    planOption: (title, id, version) => `${title} (${id}, version ${version})`,
    planHint:
      'Several plans are open to your ministry: the template, the checks and the sending are for the plan chosen.',
    serviceLabel: 'Service address',
    tokenLabel: 'Access token',
    tokenHint: 'Given by the Permanent Secretariat. It stays on this computer, never in the workbook.',
    connect: 'Connect',
    disconnect: 'Disconnect',
    connecting: 'Connecting…',
    connectedAs: (label, ministry) => `Connected: ${label}${ministry ? ` (${ministry})` : ''}`,
    offline: 'Offline',
    notConnected: 'Not connected',
    tokenRefused: (message) => `Connection refused: ${message}`,
    notMinistryToken:
      "This token is not a ministry's: setting up and sending a return need a ministry token.",
    workbookHeading: 'Workbook',
    workbookUnknown: 'Workbook not read.',
    workbookEmpty: 'This workbook does not have the PAC sheet yet.',
    workbookTemplate: (ministry, planVersion) =>
      `PAC template ${ministry ? `of ${ministry}` : 'of the whole plan'}, plan version ${planVersion}.`,
    workbookLegacy: (tables) =>
      `A sheet in the plan's old layout was found (${en(tables, 'table', 'tables')}). It can be converted into the PAC template: amounts and execution years are carried over.`,
    workbookOutdated: (sheetVersion, planVersion) =>
      `The sheet was set up on plan version ${sheetVersion}; the current version is ${planVersion}. Update it before sending: your amounts are kept.`,
    setUp: 'Set up the sheet',
    update: 'Update',
    convert: 'Convert into the PAC template',
    sheetsExist: (names) =>
      `The workbook already has sheets named ${names} that do not come from PAC. Rename them, or open an empty workbook, and try again.`,
    planCached: (version, when) => `Plan version ${version}, saved on this computer on ${when}.`,
    noPlan: 'No plan saved on this computer: connect once to download it.',
    planUnavailableOffline:
      'Offline and no plan saved on this computer: connect to the service once to download the plan; it then stays available offline.',
    stepReading: 'Reading the sheet…',
    stepChecking: 'Checking…',
    stepPlan: 'Downloading the plan…',
    stepWriting: 'Writing the template…',
    stepMarking: 'Marking cells…',
    stepFixing: 'Converting to numbers…',
    stepSending: 'Sending…',
    stepImporting: 'Reading the sheets…',
    setUpDone: (activities) =>
      `Sheet ready: ${en(activities, 'activity', 'activities')}. Type the amounts into the yellow cells, then "Check".`,
    updateDone: 'Sheet updated. Every amount typed is kept.',
    changesHeading: 'What changed',
    changeAdded: (codes) => `New activities added: ${codes}.`,
    changeRenamed: (code, before, after) => `Activity ${code} renamed: "${before}" becomes "${after}".`,
    changeWithdrawn: (codes, sheet) =>
      `Activities withdrawn from the plan: ${codes}. Their amounts are kept in the "${sheet}" sheet and are not sent.`,
    changeRestored: (codes) => `Activities back in the plan, with their amounts: ${codes}.`,
    changeKept: (rows) => `Amounts kept: ${en(rows, 'line', 'lines')}.`,
    changeNone: 'No activity added, renamed or withdrawn.',
    changePlanVersion: (before, after) => `Plan: version ${before} → ${after}.`,
    importDone: (imported, skipped) =>
      `Converted: ${en(imported, 'activity', 'activities')} carried over${skipped > 0 ? `, ${en(skipped, 'row', 'rows')} not carried over (see below)` : ''}. Costs were split evenly over the marked years: adjust them, then "Check".`,
    importNothing: 'No table in the old layout was found in the visible sheets.',
    importSkippedHeading: 'Rows not carried over',
    importMissing: (codes) =>
      `The ministry's activities missing from the sheet (empty rows in the template): ${codes}.`,
    check: 'Check',
    checkHeading: 'Check',
    noFindings: 'No error or warning: the return can be sent.',
    summary: (errors, warnings) => `${en(errors, 'error', 'errors')}, ${en(warnings, 'warning', 'warnings')}`,
    errorsHeading: (n) => `Errors (${n})`,
    warningsHeading: (n) => `Warnings (${n})`,
    moreFindings: (n) => `… and ${n} more.`,
    sheetWide: 'whole sheet',
    findingGroups: GROUP_TITLES.en,
    serverFindings: 'The service refused the return; here is what it reports:',
    notATemplate: 'This workbook is not a PAC template: set up the sheet first.',
    fixOfferIntro: (n) =>
      `${en(n, 'amount', 'amounts')} typed as text or as a formula: the sheet's totals do not count ${n === 1 ? 'it' : 'them'}. PAC can write ${n === 1 ? 'it as a number' : 'them as numbers'}; you will see the list first.`,
    fixOffer: (n) => `Convert to numbers (${en(n, 'cell', 'cells')})`,
    fixHeading: 'Convert to numbers',
    fixIntro:
      "These cells hold text or a formula that the sheet's totals do not count as a typed amount. PAC will write these numbers in them:",
    fixLine: (place, text, value) => `${place}: "${text}" → ${value}`,
    fixConfirm: 'Write these numbers',
    fixCancel: 'Cancel',
    fixDone: (n) => `${en(n, 'cell', 'cells')} converted to numbers; the sheet was checked again.`,
    submit: 'Submit',
    submitBlocked: (errors) =>
      `Cannot send: ${en(errors, 'error', 'errors')} to fix. Click an error to go to its cell.`,
    receipt: (version, when) => `Return received: version ${version}, on ${when}.`,
    receiptReplayed: (version, when) =>
      `This return had already been received: it is version ${version}, of ${when}; no new version was created.`,
    receiptWarnings: (warnings) => `${en(warnings, 'warning', 'warnings')} recorded with the return.`,
    pendingKept: (when) =>
      `Offline: the return prepared on ${when} is kept on this computer and will be sent as soon as the service answers (never twice).`,
    pendingShort: (when, attempts) =>
      `Return of ${when} waiting to be sent (${en(attempts, 'attempt', 'attempts')}), kept on this computer.`,
    retryNow: 'Retry now',
    sendRefused: (message) => `Return refused by the service: ${message}`,
    sendFailedKept: (message) =>
      `The service could not record the return (${message}). It is kept and will be sent again.`,
    planOutdated: 'The plan changed since the sheet was set up: click "Update", then send again.',
    reviewHeading: 'Permanent Secretariat review',
    reviewNone: 'No return sent yet.',
    reviewLatest: (version, state, when) => `Latest return: version ${version} of ${when} — ${state}.`,
    reviewState: {
      submitted: 'received, awaiting review',
      returned: 'returned for correction',
      accepted: 'accepted',
    },
    reviewComment: (by, comment) => `Comment from ${by}: "${comment}"`,
    blocked: {
      host: 'this pane is not open in Excel; see the message above.',
      hostTooOld: 'this version of Excel is too old for PAC; see the message above.',
      connection: 'needs a connection to the service ("Connection" section).',
      ministry: "the token connected is not a ministry's.",
      sheet: 'the workbook does not have the PAC sheet yet: set it up, or convert the old one, first.',
      plan: 'no plan saved on this computer: connect once to download it.',
    },
    blockedFor: (buttons, reason) => `${buttons.map((b) => `"${b}"`).join(', ')}: ${reason}`,
    hostMissing: 'Excel is not available: open this pane from Excel, PAC tab.',
    hostTooOld:
      'This version of Excel is too old for PAC (ExcelApi 1.8 needed): use Excel 2019 or later, Microsoft 365 or Excel on the web.',
    unexpected: (message) => `Unexpected error: ${message}`,
  },
};

export { list as codeList };
