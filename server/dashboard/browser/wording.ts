/**
 * Every sentence the consolidator's dashboard shows, in French (the working language) and in
 * English, one table per language typed by the same interface, so a key missing from either is a
 * compile error. Findings are worded by #core (messageOf) and the service's refusals carry their
 * own wording (`messages.fr` / `messages.en`); everything else the page says is here.
 */
import type { Lang } from '#core';
import { formatCount } from './format.ts';

export type ReturnStateName = 'not_started' | 'refused' | 'submitted' | 'returned' | 'accepted';
export type AttemptSourceName = 'json' | 'xlsx' | 'google-sheet';
export type ReviewActionName = 'accept' | 'return' | 'reopen';
export type MirrorStateName = 'up-to-date' | 'pending' | 'sending' | 'retrying';
/** What kind of failure the mirror's last error was (./mirror-error.ts), explained in words. */
export type MirrorErrorKind =
  | 'quota'
  | 'forbidden'
  | 'not_found'
  | 'server'
  | 'network'
  | 'too_large'
  | 'other';
/** The pages a signed-in consolidator moves between (a return is a third, opened from the board). */
export type PageName = 'board' | 'money' | 'execution';

export interface DashboardWording {
  pageTitle: string;
  appName: string;
  /** Under the name: the plan shown (its title), or what the dashboard is for before sign-in. */
  subtitle: { none: string; afterPlan: string };
  /** The switch names the other language, in that language. */
  langSwitch: string;
  langSwitchLabel: string;
  skipLink: string;
  loading: string;
  refreshing: string;
  refresh: string;
  retry: string;
  networkError: string;
  unit: string;
  none: string;
  /** ": " in English, " : " (no-break space) in French. */
  colon: string;
  /** Between the items of a list said in one sentence: "; " in English, " ; " in French. */
  listSeparator: string;
  /** A whole number grouped the language's way ("1 029" / "1,029"). */
  count: (n: number) => string;
  nav: { label: string; pages: Record<PageName, string> };
  /** The money page's comparison of two hosted plans (cycle to cycle). */
  cycles: { heading: string; intro: string; compareWith: string };
  /** The plan picker, shown when the service hosts more than one plan. */
  planPicker: { label: string; option: (title: string, id: string, version: string) => string };
  // Sign-in
  signInHeading: string;
  signInIntro: string;
  tokenLabel: string;
  tokenHint: string;
  signIn: string;
  signingIn: string;
  signOut: string;
  tokenEmpty: string;
  ministryToken: string;
  signedInAs: (label: string, role: string) => string;
  roles: Record<string, string>;
  readOnly: string;
  // Overview
  overviewHeading: string;
  planLine: (id: string, version: string) => string;
  deadline: (date: string) => string;
  noDeadline: string;
  dataAt: (date: string) => string;
  totals: {
    ministries: string;
    notStarted: string;
    refused: string;
    submitted: string;
    returned: string;
    accepted: string;
    late: string;
  };
  download: string;
  downloading: string;
  downloaded: (file: string) => string;
  // Mirror
  mirrorHeading: string;
  mirrorStates: Record<MirrorStateName, string>;
  mirrorLastSuccess: string;
  mirrorPendingSince: string;
  mirrorNextAttempt: string;
  mirrorLastError: string;
  mirrorAttempts: string;
  mirrorErrors: Record<MirrorErrorKind, string>;
  mirrorTechnical: string;
  never: string;
  // Board
  boardHeading: string;
  boardCaption: string;
  col: {
    ministry: string;
    state: string;
    version: string;
    submittedAt: string;
    submittedBy: string;
    errors: string;
    warnings: string;
    missing: string;
    action: string;
  };
  states: Record<ReturnStateName, string>;
  late: string;
  missingCount: (missing: number, total: number) => string;
  missingNone: string;
  open: string;
  openLabel: (ministry: string) => string;
  /** « Envoi refusé (3 erreurs) », on the board beside the state. */
  refusedSend: (errors: number) => string;
  refusedAt: (date: string) => string;
  viewRefusal: string;
  viewRefusalLabel: (ministry: string) => string;
  // A refused send (attempt)
  attemptHeading: (name: string, code: string) => string;
  attemptLine: (date: string, by: string) => string;
  /** An execution send: the period it was for. */
  attemptPeriod: (period: string) => string;
  /** From an execution send's refusal, back to the execution page. */
  backToExecution: string;
  attemptSources: Record<AttemptSourceName, string>;
  attemptFile: (name: string) => string;
  attemptReason: string;
  attemptCounts: (errors: number, warnings: number) => string;
  attemptFindings: string;
  attemptTruncated: (shown: number, total: number) => string;
  attemptNoFindings: string;
  attemptIssues: string;
  attemptsHeading: string;
  attemptsCaption: string;
  attemptsCol: { date: string; by: string; reason: string; errors: string; action: string };
  // A return
  backToBoard: string;
  returnHeading: (name: string, code: string) => string;
  versionLine: (version: number, date: string, by: string) => string;
  reviewCommentShown: (date: string, by: string) => string;
  linesHeading: string;
  linesCaption: (version: number) => string;
  lineCol: {
    code: string;
    title: string;
    nature: string;
    total: string;
    national: string;
    external: string;
    findings: string;
  };
  natures: { costed: string; pm: string; blank: string };
  severities: { error: string; warning: string };
  findingsOn: (code: string) => string;
  generalFindings: string;
  noLines: string;
  historyHeading: string;
  historyCaption: string;
  historyCol: { version: string; date: string; by: string; state: string; comment: string; action: string };
  shown: string;
  view: string;
  viewLabel: (version: number) => string;
  reviewsHeading: string;
  noReviews: string;
  reviewLine: (action: ReviewActionName, date: string, by: string) => string;
  // Diff
  diffHeading: string;
  diffFrom: string;
  diffTo: string;
  compare: string;
  comparing: string;
  diffOneVersion: string;
  diffSame: string;
  diffChangedCaption: (from: number, to: number) => string;
  diffCol: { activity: string; field: string; before: string; after: string; delta: string };
  diffAdded: (count: number) => string;
  diffRemoved: (count: number) => string;
  diffUnchanged: (count: number) => string;
  fieldNames: {
    nature: string;
    execution: string;
    comment: string;
    total: string;
    national: string;
    external: string;
  };
  // Decision
  decisionHeading: string;
  commentLabel: string;
  commentHint: string;
  accept: string;
  sendBack: string;
  reopen: string;
  sending: string;
  commentRequired: string;
  notLatest: (latest: number) => string;
  noActionNow: (state: string) => string;
  reviewDone: Record<ReviewActionName, (ministry: string, version: number) => string>;
  // Money
  moneyHeading: string;
  moneyIntro: string;
  byPillarCaption: string;
  byYearCaption: string;
  fundingCaption: string;
  moneyCol: {
    pillar: string;
    year: string;
    source: string;
    amount: string;
    envelope: string;
    gap: string;
    gapPercent: string;
    share: string;
    costed: string;
    pm: string;
    noLine: string;
  };
  totalRow: string;
  national: string;
  external: string;
  pmNote: (pm: number, activities: number) => string;
  pillarHeading: string;
  yearHeading: string;
  fundingHeading: string;
  pairsHeading: string;
  pairsCaption: string;
  pairsGroups: { returns: string; envelope: string; gap: string; activities: string };
  pairsCol: {
    ministry: string;
    total: string;
    national: string;
    external: string;
    amount: string;
    percent: string;
  };
  chartLegendReturns: string;
  chartLegendEnvelope: string;
  chartPillarTitle: string;
  chartYearTitle: string;
  chartFundingTitle: string;
  chartDescPair: (label: string, amount: string, envelope: string) => string;
  chartDescFunding: (who: string, national: string, external: string) => string;
  chartSeeTable: string;
  pillarName: (code: string, name: string) => string;
}

const FR: DashboardWording = {
  pageTitle: 'PAC – Tableau de bord du Secrétariat permanent',
  appName: 'PAC – Tableau de bord',
  subtitle: {
    none: "Plan d'action chiffré : retours des ministères",
    afterPlan: ' : retours chiffrés des ministères',
  },
  langSwitch: 'English',
  langSwitchLabel: 'Show the dashboard in English',
  skipLink: 'Aller au contenu',
  loading: 'Chargement…',
  refreshing: 'Actualisation…',
  refresh: 'Actualiser',
  retry: 'Réessayer',
  networkError: 'Le service ne répond pas : vérifiez la connexion, puis réessayez.',
  unit: 'millions FCFA',
  none: '—',
  colon: '\u00a0: ',
  listSeparator: '\u00a0; ',
  count: (n) => formatCount(n, 'fr'),
  nav: {
    label: 'Pages du tableau de bord',
    pages: { board: 'Suivi des retours', money: 'Financement', execution: 'Exécution' },
  },
  cycles: {
    heading: 'D’un cycle à l’autre',
    intro:
      'Ce que le plan le plus récent garde, renomme, renumérote, fusionne, abandonne et ajoute par rapport à l’autre, et comment les montants bougent par pilier et par ministère (comme « pac plan diff »).',
    compareWith: 'Comparer avec',
  },
  planPicker: {
    label: 'Plan suivi',
    option: (title, id, version) => `${title} (${id}, version ${version})`,
  },
  signInHeading: 'Connexion',
  signInIntro:
    "Réservé au Secrétariat permanent : saisissez le jeton d'accès consolidateur que l'administrateur vous a remis.",
  tokenLabel: "Jeton d'accès",
  tokenHint:
    "Le jeton n'est gardé que dans cet onglet : il est effacé à la déconnexion et à la fermeture de l'onglet.",
  signIn: 'Se connecter',
  signingIn: 'Connexion…',
  signOut: 'Se déconnecter',
  tokenEmpty: "Saisissez votre jeton d'accès.",
  ministryToken:
    "Ce jeton est celui d'un ministère : le tableau de bord est réservé au Secrétariat permanent (jeton consolidateur).",
  signedInAs: (label, role) => `Connecté : ${label} (${role})`,
  roles: { consolidator: 'consolidateur', admin: 'administrateur', ministry: 'ministère' },
  readOnly:
    'Jeton administrateur : consultation seulement. Accepter ou renvoyer un retour demande un jeton consolidateur.',
  overviewHeading: "Vue d'ensemble",
  planLine: (id, version) => `Plan ${id}, version ${version}`,
  deadline: (date) => `Date limite des retours : ${date}`,
  noDeadline: 'Aucune date limite fixée.',
  dataAt: (date) => `Données au ${date}`,
  totals: {
    ministries: 'Ministères attendus',
    notStarted: 'Non commencés',
    refused: 'Envois refusés seulement',
    submitted: 'Soumis',
    returned: 'Renvoyés',
    accepted: 'Acceptés',
    late: 'En retard',
  },
  download: 'Télécharger le classeur consolidé (.xlsx)',
  downloading: 'Préparation du classeur…',
  downloaded: (file) => `Classeur téléchargé : ${file}`,
  mirrorHeading: 'Copie Google Sheets du classeur',
  mirrorStates: {
    'up-to-date': 'À jour',
    pending: "En attente d'envoi",
    sending: 'Envoi en cours',
    retrying: 'Échec, nouvel essai prévu',
  },
  mirrorLastSuccess: 'Dernier envoi réussi',
  mirrorPendingSince: 'Changement en attente depuis',
  mirrorNextAttempt: 'Prochain essai',
  mirrorLastError: 'Dernière erreur',
  mirrorAttempts: 'Essais échoués depuis le dernier succès',
  mirrorErrors: {
    quota: 'Google limite le nombre de requêtes : la copie sera renvoyée automatiquement.',
    forbidden:
      "Google refuse l'accès à la feuille : partagez-la avec le compte de service du PAC, en modification.",
    not_found: 'Google ne trouve pas la feuille : vérifiez son identifiant dans la configuration du service.',
    server: 'Google ne répond pas correctement pour le moment : la copie sera renvoyée automatiquement.',
    network: "Le service n'a pas pu joindre Google (réseau) : la copie sera renvoyée automatiquement.",
    too_large:
      'Le classeur consolidé dépasse la taille permise par Google Sheets : la copie ne peut plus être mise à jour.',
    other: "L'envoi vers Google Sheets a échoué : la copie sera renvoyée automatiquement.",
  },
  mirrorTechnical: 'Message de Google',
  never: 'jamais',
  boardHeading: 'Suivi des retours',
  boardCaption:
    'Un ministère par ligne : son dernier retour, son état, les constats des contrôles et les activités encore sans ligne chiffrée.',
  col: {
    ministry: 'Ministère',
    state: 'État',
    version: 'Version',
    submittedAt: 'Déposé le',
    submittedBy: 'Par',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    missing: 'Activités sans ligne chiffrée',
    action: 'Retour',
  },
  states: {
    not_started: 'Non commencé',
    refused: 'Envoi refusé',
    submitted: 'Soumis',
    returned: 'Renvoyé',
    accepted: 'Accepté',
  },
  late: 'En retard',
  missingCount: (missing, total) => `${formatCount(missing, 'fr')} sur ${formatCount(total, 'fr')}`,
  missingNone: 'Aucune',
  open: 'Ouvrir',
  openLabel: (ministry) => `Ouvrir le retour de ${ministry}`,
  refusedSend: (errors) => `Envoi refusé (${errors} erreur${errors > 1 ? 's' : ''})`,
  refusedAt: (date) => `le ${date}`,
  viewRefusal: 'Voir les constats',
  viewRefusalLabel: (ministry) => `Voir les constats du dernier envoi refusé de ${ministry}`,
  attemptHeading: (name, code) => `Envoi refusé de ${code} – ${name}`,
  attemptLine: (date, by) =>
    `Envoyé le ${date} par ${by}, refusé par le service : aucune version n'a été créée.`,
  attemptPeriod: (period) => `Suivi de l'exécution, période ${period}.`,
  backToExecution: "← Retour au suivi de l'exécution",
  attemptSources: {
    json: 'Envoyé depuis le volet PAC',
    xlsx: 'Fichier .xlsx déposé',
    'google-sheet': 'Google Sheets',
  },
  attemptFile: (name) => `fichier « ${name} » (non conservé)`,
  attemptReason: 'Motif du refus',
  attemptCounts: (errors, warnings) =>
    `${errors} erreur${errors > 1 ? 's' : ''}, ${warnings} avertissement${warnings > 1 ? 's' : ''}`,
  attemptFindings: 'Constats de cet envoi',
  attemptTruncated: (shown, total) =>
    `Seuls les ${shown} premiers constats sur ${total} sont gardés (les erreurs d'abord).`,
  attemptNoFindings: 'Ce refus ne porte pas sur des cellules : le motif ci-dessus dit quoi corriger.',
  attemptIssues: 'Champs en cause',
  attemptsHeading: 'Derniers envois refusés de ce ministère',
  attemptsCaption:
    'Les envois refusés les plus récents, le dernier en premier (les plus anciens ne sont pas gardés).',
  attemptsCol: { date: 'Envoyé le', by: 'Par', reason: 'Motif', errors: 'Erreurs', action: 'Affichage' },
  backToBoard: '← Retour au suivi',
  returnHeading: (name, code) => `Retour de ${code} – ${name}`,
  versionLine: (version, date, by) => `Version ${version}, déposée le ${date} par ${by}.`,
  reviewCommentShown: (date, by) => `Commentaire de la revue (${date}, ${by}) :`,
  linesHeading: 'Lignes du retour',
  linesCaption: (version) =>
    `Lignes de la version ${version}, montants en millions FCFA. Les constats des contrôles figurent sous la ligne qu'ils concernent.`,
  lineCol: {
    code: 'Code',
    title: 'Activité',
    nature: 'Nature',
    total: 'Total',
    national: 'Budget national',
    external: 'Extérieur',
    findings: 'Constats',
  },
  natures: { costed: 'Chiffré', pm: 'PM', blank: 'Non renseigné' },
  severities: { error: 'Erreur', warning: 'Avertissement' },
  findingsOn: (code) => `Constats sur la ligne ${code}`,
  generalFindings: "Constats sur l'ensemble du retour",
  noLines: 'Ce retour ne contient aucune ligne.',
  historyHeading: 'Versions envoyées',
  historyCaption: 'Toutes les versions de ce ministère, la plus récente en premier.',
  historyCol: {
    version: 'Version',
    date: 'Déposée le',
    by: 'Par',
    state: 'État',
    comment: 'Commentaire de la revue',
    action: 'Affichage',
  },
  shown: 'Affichée',
  view: 'Voir',
  viewLabel: (version) => `Voir la version ${version}`,
  reviewsHeading: 'Revues de cette version',
  noReviews: 'Aucune revue pour cette version.',
  reviewLine: (action, date, by) =>
    `${{ accept: 'Acceptée', return: 'Renvoyée', reopen: 'Rouverte' }[action]} le ${date} par ${by}`,
  diffHeading: 'Comparer deux versions',
  diffFrom: 'De la version',
  diffTo: 'À la version',
  compare: 'Comparer',
  comparing: 'Comparaison…',
  diffOneVersion: 'Une seule version envoyée : rien à comparer pour le moment.',
  diffSame: 'Aucune différence entre ces deux versions.',
  diffChangedCaption: (from, to) =>
    `Valeurs modifiées de la version ${from} à la version ${to} (montants en millions FCFA).`,
  diffCol: { activity: 'Activité', field: 'Colonne', before: 'Avant', after: 'Après', delta: 'Écart' },
  diffAdded: (count) => `Lignes ajoutées (${formatCount(count, 'fr')})`,
  diffRemoved: (count) => `Lignes retirées (${formatCount(count, 'fr')})`,
  diffUnchanged: (count) =>
    `${formatCount(count, 'fr')} ligne${count > 1 ? 's' : ''} inchangée${count > 1 ? 's' : ''}.`,
  fieldNames: {
    nature: 'Nature',
    execution: "Années d'exécution",
    comment: 'Commentaire',
    total: 'Total',
    national: 'Budget national',
    external: 'Extérieur',
  },
  decisionHeading: 'Décision du Secrétariat permanent',
  commentLabel: 'Commentaire au ministère',
  commentHint: 'Obligatoire pour renvoyer le retour : le ministère le lit dans son volet PAC.',
  accept: 'Accepter cette version',
  sendBack: 'Renvoyer au ministère',
  reopen: 'Rouvrir cette version',
  sending: 'Envoi…',
  commentRequired: 'Écrivez un commentaire qui dit au ministère ce qu’il doit corriger avant de renvoyer.',
  notLatest: (latest) =>
    `Une version plus récente (version ${latest}) existe : la décision se prend sur la dernière version.`,
  noActionNow: (state) => `Version à l'état « ${state} » : aucune décision possible.`,
  reviewDone: {
    accept: (m, v) => `Version ${v} de ${m} acceptée.`,
    return: (m, v) => `Version ${v} de ${m} renvoyée au ministère avec votre commentaire.`,
    reopen: (m, v) => `Version ${v} de ${m} rouverte.`,
  },
  moneyHeading: 'Financement',
  moneyIntro:
    "Montants des derniers retours, en millions de FCFA, à côté de l'enveloppe adoptée (tableau II.2.1 du plan) ; l'écart est retours moins enveloppe.",
  byPillarCaption: 'Montants par pilier, à côté de l’enveloppe adoptée (millions FCFA)',
  byYearCaption: 'Montants par année, à côté de l’enveloppe adoptée (millions FCFA)',
  fundingCaption: 'Budget national et financement extérieur, à côté de l’enveloppe adoptée (millions FCFA)',
  moneyCol: {
    pillar: 'Pilier',
    year: 'Année',
    source: 'Source',
    amount: 'Retours',
    envelope: 'Enveloppe',
    gap: 'Écart',
    gapPercent: 'Écart (%)',
    share: 'Part des retours',
    costed: 'Activités chiffrées',
    pm: 'Activités PM',
    noLine: 'Sans ligne chiffrée',
  },
  totalRow: 'Total',
  national: 'Budget national',
  external: 'Financement extérieur',
  pmNote: (pm, activities) => {
    const [n, of] = [formatCount(pm, 'fr'), formatCount(activities, 'fr')];
    return pm > 1
      ? `${n} activités sur ${of} sont inscrites « PM » (pour mémoire) : sans montant, elles ne comptent pas comme zéro et sont comptées à part.`
      : `${n} activité sur ${of} est inscrite « PM » (pour mémoire) : sans montant, elle ne compte pas comme zéro et est comptée à part.`;
  },
  pillarHeading: 'Par pilier',
  yearHeading: 'Par année',
  fundingHeading: 'Par source de financement',
  pairsHeading: 'Par pilier et ministère (tableau II.2.1 recalculé)',
  pairsCaption:
    'Tableau II.2.1 du classeur consolidé : chaque pilier par ministère responsable, les montants des derniers retours à côté de l’enveloppe adoptée (millions FCFA).',
  pairsGroups: { returns: 'Retours', envelope: 'Enveloppe adoptée', gap: 'Écart', activities: 'Activités' },
  pairsCol: {
    ministry: 'Ministère',
    total: 'Total',
    national: 'Budget national',
    external: 'Extérieur',
    amount: 'Montant',
    percent: '%',
  },
  chartLegendReturns: 'Retours',
  chartLegendEnvelope: 'Enveloppe',
  chartPillarTitle: 'Montants par pilier : retours et enveloppe',
  chartYearTitle: 'Montants par année : retours et enveloppe',
  chartFundingTitle: 'Répartition par source de financement',
  chartDescPair: (label, amount, envelope) => `${label} : retours ${amount}, enveloppe ${envelope}`,
  chartDescFunding: (who, national, external) =>
    `${who} : budget national ${national}, financement extérieur ${external}`,
  chartSeeTable: 'Les valeurs exactes sont dans le tableau qui suit.',
  pillarName: (code, name) => `${code}. ${name}`,
};

const EN: DashboardWording = {
  pageTitle: 'PAC – Permanent Secretariat dashboard',
  appName: 'PAC – Dashboard',
  subtitle: { none: 'Costed action plan: ministries’ returns', afterPlan: ': ministries’ costed returns' },
  langSwitch: 'Français',
  langSwitchLabel: 'Afficher le tableau de bord en français',
  skipLink: 'Skip to content',
  loading: 'Loading…',
  refreshing: 'Refreshing…',
  refresh: 'Refresh',
  retry: 'Retry',
  networkError: 'The service does not answer: check the connection, then retry.',
  unit: 'million FCFA',
  none: '—',
  colon: ': ',
  listSeparator: '; ',
  count: (n) => formatCount(n, 'en'),
  nav: { label: 'Dashboard pages', pages: { board: 'Returns', money: 'Funding', execution: 'Execution' } },
  cycles: {
    heading: 'From one cycle to the next',
    intro:
      'What the newer plan keeps, renames, renumbers, merges, drops and adds compared with the other, and how the money moves per pillar and ministry (as "pac plan diff").',
    compareWith: 'Compare with',
  },
  planPicker: {
    label: 'Plan followed',
    option: (title, id, version) => `${title} (${id}, version ${version})`,
  },
  signInHeading: 'Sign in',
  signInIntro:
    'For the Permanent Secretariat: enter the consolidator access token the administrator gave you.',
  tokenLabel: 'Access token',
  tokenHint: 'The token is kept in this tab only: it is erased when you sign out and when the tab is closed.',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  tokenEmpty: 'Enter your access token.',
  ministryToken:
    'This is a ministry token: the dashboard is for the Permanent Secretariat (consolidator token).',
  signedInAs: (label, role) => `Signed in: ${label} (${role})`,
  roles: { consolidator: 'consolidator', admin: 'administrator', ministry: 'ministry' },
  readOnly: 'Administrator token: read only. Accepting or returning a return takes a consolidator token.',
  overviewHeading: 'Overview',
  planLine: (id, version) => `Plan ${id}, version ${version}`,
  deadline: (date) => `Returns due: ${date}`,
  noDeadline: 'No deadline set.',
  dataAt: (date) => `Data as of ${date}`,
  totals: {
    ministries: 'Ministries expected',
    notStarted: 'Not started',
    refused: 'Refused sends only',
    submitted: 'Submitted',
    returned: 'Returned',
    accepted: 'Accepted',
    late: 'Late',
  },
  download: 'Download the consolidated workbook (.xlsx)',
  downloading: 'Preparing the workbook…',
  downloaded: (file) => `Workbook downloaded: ${file}`,
  mirrorHeading: 'Google Sheets copy of the workbook',
  mirrorStates: {
    'up-to-date': 'Up to date',
    pending: 'Waiting to be sent',
    sending: 'Sending',
    retrying: 'Failed, retry scheduled',
  },
  mirrorLastSuccess: 'Last successful send',
  mirrorPendingSince: 'Change waiting since',
  mirrorNextAttempt: 'Next attempt',
  mirrorLastError: 'Last error',
  mirrorAttempts: 'Failed attempts since the last success',
  mirrorErrors: {
    quota: 'Google is limiting the number of requests: the copy will be sent again automatically.',
    forbidden: 'Google refuses access to the sheet: share it with PAC’s service account, with edit rights.',
    not_found: 'Google cannot find the sheet: check its identifier in the service’s configuration.',
    server: 'Google is not answering properly for now: the copy will be sent again automatically.',
    network: 'The service could not reach Google (network): the copy will be sent again automatically.',
    too_large:
      'The consolidated workbook is larger than Google Sheets allows: the copy can no longer be updated.',
    other: 'Sending to Google Sheets failed: the copy will be sent again automatically.',
  },
  mirrorTechnical: 'Google’s message',
  never: 'never',
  boardHeading: 'Returns',
  boardCaption:
    'One ministry per row: its latest return, its state, the checks’ findings and the activities still without a costed line.',
  col: {
    ministry: 'Ministry',
    state: 'State',
    version: 'Version',
    submittedAt: 'Sent on',
    submittedBy: 'By',
    errors: 'Errors',
    warnings: 'Warnings',
    missing: 'Activities without a costed line',
    action: 'Return',
  },
  states: {
    not_started: 'Not started',
    refused: 'Send refused',
    submitted: 'Submitted',
    returned: 'Returned',
    accepted: 'Accepted',
  },
  late: 'Late',
  missingCount: (missing, total) => `${formatCount(missing, 'en')} of ${formatCount(total, 'en')}`,
  missingNone: 'None',
  open: 'Open',
  openLabel: (ministry) => `Open ${ministry}’s return`,
  refusedSend: (errors) => `Send refused (${errors} error${errors === 1 ? '' : 's'})`,
  refusedAt: (date) => `on ${date}`,
  viewRefusal: 'View findings',
  viewRefusalLabel: (ministry) => `View the findings of ${ministry}’s last refused send`,
  attemptHeading: (name, code) => `Refused send of ${code} – ${name}`,
  attemptLine: (date, by) => `Sent on ${date} by ${by}, refused by the service: no version was made.`,
  attemptPeriod: (period) => `Execution follow-up, period ${period}.`,
  backToExecution: '← Back to the execution follow-up',
  attemptSources: {
    json: 'Sent from the PAC pane',
    xlsx: '.xlsx file uploaded',
    'google-sheet': 'Google Sheets',
  },
  attemptFile: (name) => `file "${name}" (not kept)`,
  attemptReason: 'Why it was refused',
  attemptCounts: (errors, warnings) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  attemptFindings: 'Findings of this send',
  attemptTruncated: (shown, total) => `Only the first ${shown} of ${total} findings are kept (errors first).`,
  attemptNoFindings: 'This refusal is not about cells: the reason above says what to fix.',
  attemptIssues: 'Fields at fault',
  attemptsHeading: 'Latest refused sends of this ministry',
  attemptsCaption: 'The most recent refused sends, latest first (older ones are not kept).',
  attemptsCol: { date: 'Sent on', by: 'By', reason: 'Reason', errors: 'Errors', action: 'Display' },
  backToBoard: '← Back to the returns',
  returnHeading: (name, code) => `Return of ${code} – ${name}`,
  versionLine: (version, date, by) => `Version ${version}, sent on ${date} by ${by}.`,
  reviewCommentShown: (date, by) => `Review comment (${date}, ${by}):`,
  linesHeading: 'Lines of the return',
  linesCaption: (version) =>
    `Lines of version ${version}, amounts in million FCFA. The checks’ findings are shown under the line they concern.`,
  lineCol: {
    code: 'Code',
    title: 'Activity',
    nature: 'Nature',
    total: 'Total',
    national: 'National budget',
    external: 'External',
    findings: 'Findings',
  },
  natures: { costed: 'Costed', pm: 'PM', blank: 'Not filled' },
  severities: { error: 'Error', warning: 'Warning' },
  findingsOn: (code) => `Findings on line ${code}`,
  generalFindings: 'Findings on the whole return',
  noLines: 'This return holds no line.',
  historyHeading: 'Versions sent',
  historyCaption: 'Every version from this ministry, latest first.',
  historyCol: {
    version: 'Version',
    date: 'Sent on',
    by: 'By',
    state: 'State',
    comment: 'Review comment',
    action: 'Display',
  },
  shown: 'Shown',
  view: 'View',
  viewLabel: (version) => `View version ${version}`,
  reviewsHeading: 'Reviews of this version',
  noReviews: 'No review of this version.',
  reviewLine: (action, date, by) =>
    `${{ accept: 'Accepted', return: 'Returned', reopen: 'Reopened' }[action]} on ${date} by ${by}`,
  diffHeading: 'Compare two versions',
  diffFrom: 'From version',
  diffTo: 'To version',
  compare: 'Compare',
  comparing: 'Comparing…',
  diffOneVersion: 'Only one version sent: nothing to compare yet.',
  diffSame: 'No difference between these two versions.',
  diffChangedCaption: (from, to) =>
    `Values changed from version ${from} to version ${to} (amounts in million FCFA).`,
  diffCol: { activity: 'Activity', field: 'Column', before: 'Before', after: 'After', delta: 'Change' },
  diffAdded: (count) => `Lines added (${formatCount(count, 'en')})`,
  diffRemoved: (count) => `Lines removed (${formatCount(count, 'en')})`,
  diffUnchanged: (count) => `${formatCount(count, 'en')} line${count === 1 ? '' : 's'} unchanged.`,
  fieldNames: {
    nature: 'Nature',
    execution: 'Years of execution',
    comment: 'Comment',
    total: 'Total',
    national: 'National budget',
    external: 'External',
  },
  decisionHeading: 'Permanent Secretariat’s decision',
  commentLabel: 'Comment to the ministry',
  commentHint: 'Required to return the return: the ministry reads it in its PAC pane.',
  accept: 'Accept this version',
  sendBack: 'Return to the ministry',
  reopen: 'Reopen this version',
  sending: 'Sending…',
  commentRequired: 'Write a comment telling the ministry what to correct before returning it.',
  notLatest: (latest) =>
    `A newer version (version ${latest}) exists: decisions are taken on the latest version.`,
  noActionNow: (state) => `Version in state "${state}": no decision possible.`,
  reviewDone: {
    accept: (m, v) => `Version ${v} of ${m} accepted.`,
    return: (m, v) => `Version ${v} of ${m} returned to the ministry with your comment.`,
    reopen: (m, v) => `Version ${v} of ${m} reopened.`,
  },
  moneyHeading: 'Funding',
  moneyIntro:
    'Amounts of the latest returns, in million FCFA, beside the adopted envelope (the plan’s table II.2.1); the gap is returns minus envelope.',
  byPillarCaption: 'Amounts by pillar, beside the adopted envelope (million FCFA)',
  byYearCaption: 'Amounts by year, beside the adopted envelope (million FCFA)',
  fundingCaption: 'National budget and external funding, beside the adopted envelope (million FCFA)',
  moneyCol: {
    pillar: 'Pillar',
    year: 'Year',
    source: 'Source',
    amount: 'Returns',
    envelope: 'Envelope',
    gap: 'Gap',
    gapPercent: 'Gap (%)',
    share: 'Share of returns',
    costed: 'Costed activities',
    pm: 'PM activities',
    noLine: 'Without a costed line',
  },
  totalRow: 'Total',
  national: 'National budget',
  external: 'External funding',
  pmNote: (pm, activities) => {
    const n = `${formatCount(pm, 'en')} of ${formatCount(activities, 'en')}`;
    return pm === 1
      ? `${n} activities is listed as "PM" (listed, not costed): without an amount, it does not count as zero and is counted apart.`
      : `${n} activities are listed as "PM" (listed, not costed): without an amount, they do not count as zero and are counted apart.`;
  },
  pillarHeading: 'By pillar',
  yearHeading: 'By year',
  fundingHeading: 'By funding source',
  pairsHeading: 'By pillar and ministry (table II.2.1 recomputed)',
  pairsCaption:
    'Table II.2.1 of the consolidated workbook: each pillar by responsible ministry, the amounts of the latest returns beside the adopted envelope (million FCFA).',
  pairsGroups: { returns: 'Returns', envelope: 'Adopted envelope', gap: 'Gap', activities: 'Activities' },
  pairsCol: {
    ministry: 'Ministry',
    total: 'Total',
    national: 'National budget',
    external: 'External',
    amount: 'Amount',
    percent: '%',
  },
  chartLegendReturns: 'Returns',
  chartLegendEnvelope: 'Envelope',
  chartPillarTitle: 'Amounts by pillar: returns and envelope',
  chartYearTitle: 'Amounts by year: returns and envelope',
  chartFundingTitle: 'Split by funding source',
  chartDescPair: (label, amount, envelope) => `${label}: returns ${amount}, envelope ${envelope}`,
  chartDescFunding: (who, national, external) => `${who}: national budget ${national}, external ${external}`,
  chartSeeTable: 'The exact values are in the table that follows.',
  pillarName: (code, name) => `${code}. ${name}`,
};

export const WORDING: Record<Lang, DashboardWording> = { fr: FR, en: EN };
