/**
 * Every word of the consolidated workbook, in French and in English, apart from its layout in
 * ./workbook.ts. Sheet names that the template shares ("Synthèse") come from ../layout.ts; the plan's
 * unit and the name of its summary table from ../plan-words.ts.
 */
import { type Lang, SHEET_NAMES } from '../layout.ts';
import {
  DEFAULT_PLAN_WORDS,
  envelopeInSentence,
  inCurrency,
  type PlanWords,
  unitInSentence,
  wordingPerPlan,
} from '../plan-words.ts';
import type { ActivityStatus, NotCountedReason, ReturnState } from './consolidate.ts';

export interface ConsolidationWording {
  sheets: { summary: string; detail: string; findings: string; log: string };
  title: (planTitle: string) => string;
  /** "Plan pnlevt-2021-2025, version 1 · 4 ministères sur 11 ont envoyé un retour · données au …". */
  scope: (p: {
    planId: string;
    planVersion: string;
    submitted: number;
    expected: number;
    asOf: string | null;
  }) => string;
  summaryNote: string;
  detailTitle: string;
  detailNote: string;
  ministryNote: string;
  summary: {
    pillar: string;
    ministry: string;
    total: string;
    national: string;
    external: string;
    costed: string;
    pm: string;
    missing: string;
    envelopeTotal: string;
    envelopeNational: string;
    envelopeExternal: string;
    gap: string;
    gapPercent: string;
    agreement: string;
    groups: { recomputed: string; activities: string; envelope: string; pac: string };
    byPillarTitle: string;
    pac: (header: string) => string;
  };
  detail: { lineFrom: string; version: string; state: string; status: string; remark: string };
  ministrySheet: {
    title: (code: string, name: string) => string;
    identity: (p: { version: number; state: string; createdAt: string; tokenLabel: string }) => string;
    counted: string;
  };
  totalRow: string;
  pacRow: string;
  ok: string;
  mismatch: string;
  yes: string;
  no: string;
  findings: {
    title: string;
    ministry: string;
    version: string;
    place: string;
    code: string;
    severity: string;
    message: string;
    none: string;
    error: string;
    warning: string;
  };
  log: {
    title: string;
    ministry: string;
    version: string;
    date: string;
    token: string;
    state: string;
    errors: string;
    warnings: string;
    review: string;
    reviewedAt: string;
    reviewedBy: string;
    latest: string;
  };
  states: Record<ReturnState, string>;
  statuses: Record<ActivityStatus, string>;
  notCounted: (
    reason: NotCountedReason,
    p: { ministry: string; version: number | null; planVersion: string },
  ) => string;
  otherLine: (p: { ministry: string; version: number; status: string; total: string }) => string;
  leadNotFilled: (p: { lead: string; ministry: string }) => string;
}

/** What the "Concordance" columns tolerate: half a millionth of the plan's unit (../workbook.ts). */
export const AGREEMENT_TOLERANCE = '0.0000005';

/** "Tableau II.2.1", "Tableau « Synthèse des coûts »": the table at the start of a sentence. */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const fr = (w: PlanWords): ConsolidationWording => ({
  sheets: { summary: SHEET_NAMES.summary.fr, detail: 'Détail', findings: 'Constats', log: 'Journal' },
  title: (t) => `Classeur consolidé — ${t}`,
  scope: (p) =>
    `Plan ${p.planId}, version ${p.planVersion} · ${p.submitted} ministère${p.submitted > 1 ? 's' : ''} sur ${p.expected} ` +
    `${p.submitted > 1 ? 'ont' : 'a'} envoyé un retour${p.asOf ? ` · données au ${p.asOf}` : ''}`,
  summaryNote:
    `${capitalised(envelopeInSentence(w.envelope, 'fr'))} recalculé à partir du dernier retour de chaque ministère, ${unitInSentence(w.unit, 'fr')}. Les montants ` +
    'sont des formules sur la feuille Détail ; les colonnes « calculé par PAC » donnent les valeurs du service, ' +
    `et « Concordance » compare les deux (écart toléré : ${inCurrency(AGREEMENT_TOLERANCE, w.unit, 'fr')}). Les lignes PM sont comptées, sans montant. ` +
    "L'enveloppe est celle du tableau adopté ; écart = recalculé − enveloppe.",
  detailTitle: 'Détail des activités',
  detailNote:
    'Toutes les activités du plan, avec la ligne comptée dans la synthèse. Une activité conjointe est comptée ' +
    "une fois, sous le ministère chef de file : sa ligne si elle est remplie (montants ou PM), sinon celle de l'autre ministère.",
  ministryNote:
    'Lignes du dernier retour de ce ministère, comptées ou non dans la synthèse (voir « Remarque »).',
  summary: {
    pillar: 'Piliers',
    ministry: 'Ministères',
    total: 'TOTAL',
    national: 'Budget national',
    external: 'Extérieur',
    costed: 'Activités chiffrées',
    pm: 'Activités PM',
    missing: 'Sans ligne chiffrée',
    envelopeTotal: 'Enveloppe TOTAL',
    envelopeNational: 'Enveloppe budget national',
    envelopeExternal: 'Enveloppe extérieur',
    gap: 'Écart au TOTAL',
    gapPercent: 'Écart (%)',
    agreement: 'Concordance',
    groups: {
      recomputed: 'Recalculé (formules sur Détail)',
      activities: 'Activités',
      envelope: `Enveloppe adoptée (${envelopeInSentence(w.envelope, 'fr')}) et écart`,
      pac: 'Calculé par PAC (valeurs)',
    },
    byPillarTitle: 'Par pilier',
    pac: (h) => `${h} (PAC)`,
  },
  detail: { lineFrom: 'Ligne de', version: 'Version', state: 'État', status: 'Statut', remark: 'Remarque' },
  ministrySheet: {
    title: (code, name) => `${code} — ${name}`,
    identity: (p) => `Version ${p.version} · ${p.state} · reçue le ${p.createdAt} · ${p.tokenLabel}`,
    counted: 'Comptée dans la synthèse',
  },
  totalRow: 'TOTAL',
  pacRow: 'Calculé par PAC',
  ok: 'OK',
  mismatch: 'ÉCART',
  yes: 'Oui',
  no: 'Non',
  findings: {
    title: 'Constats des derniers retours',
    ministry: 'Ministère',
    version: 'Version',
    place: 'Cellule',
    code: 'Code',
    severity: 'Gravité',
    message: 'Message',
    none: 'Aucun constat.',
    error: 'Erreur',
    warning: 'Avertissement',
  },
  log: {
    title: 'Journal des envois',
    ministry: 'Ministère',
    version: 'Version',
    date: 'Reçue le',
    token: 'Jeton',
    state: 'État',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    review: 'Commentaire de revue',
    reviewedAt: 'Revue le',
    reviewedBy: 'Revue par',
    latest: 'Dans la consolidation',
  },
  states: { submitted: 'Soumis', returned: 'Renvoyé', accepted: 'Accepté' },
  statuses: { costed: 'Chiffrée', pm: 'PM', not_filled: 'Non remplie', no_line: 'Aucune ligne' },
  notCounted: (reason, p) => {
    switch (reason) {
      case 'unknown_activity':
        return `Non comptée : activité absente du plan (version ${p.planVersion})`;
      case 'not_responsible':
        return `Non comptée : ${p.ministry} n'est pas responsable de cette activité dans le plan`;
      case 'duplicate':
        return 'Non comptée : activité déjà donnée plus haut dans ce retour';
      case 'other_line_counted':
        return p.version === null
          ? `Non comptée : activité conjointe, la ligne de ${p.ministry} est comptée`
          : `Non comptée : activité conjointe, la ligne de ${p.ministry} (v${p.version}) est comptée`;
    }
  },
  otherLine: (p) =>
    `Ligne de ${p.ministry} (v${p.version}) aussi reçue, non comptée : ${p.status}, total ${p.total}`,
  leadNotFilled: (p) =>
    `Ligne de ${p.ministry} retenue : celle de ${p.lead}, chef de file, n'est pas remplie`,
});

const en = (w: PlanWords): ConsolidationWording => ({
  sheets: { summary: SHEET_NAMES.summary.en, detail: 'Detail', findings: 'Findings', log: 'Log' },
  title: (t) => `Consolidated workbook — ${t}`,
  scope: (p) =>
    `Plan ${p.planId}, version ${p.planVersion} · ${p.submitted} of ${p.expected} ministr${p.submitted === 1 ? 'y has' : 'ies have'} ` +
    `sent a return${p.asOf ? ` · data as of ${p.asOf}` : ''}`,
  summaryNote:
    `${capitalised(envelopeInSentence(w.envelope, 'en'))} recomputed from each ministry's latest return, ${unitInSentence(w.unit, 'en')}. Amounts are formulas over the ` +
    'Detail sheet; the "computed by PAC" columns hold the service\'s values, and "Agreement" compares the two ' +
    `(tolerance: ${inCurrency(AGREEMENT_TOLERANCE, w.unit, 'en')}). PM lines are counted, without an amount. The envelope is the adopted table's; ` +
    'gap = recomputed − envelope.',
  detailTitle: 'Detail of activities',
  detailNote:
    'Every activity of the plan, with the line counted in the summary. A joint activity is counted once, under ' +
    "its lead ministry: the lead's line when it is filled (amounts or PM), otherwise the other ministry's.",
  ministryNote: 'Lines of this ministry\'s latest return, counted in the summary or not (see "Remark").',
  summary: {
    pillar: 'Pillars',
    ministry: 'Ministries',
    total: 'TOTAL',
    national: 'National budget',
    external: 'External',
    costed: 'Costed activities',
    pm: 'PM activities',
    missing: 'No costed line',
    envelopeTotal: 'Envelope TOTAL',
    envelopeNational: 'Envelope national budget',
    envelopeExternal: 'Envelope external',
    gap: 'Gap to TOTAL',
    gapPercent: 'Gap (%)',
    agreement: 'Agreement',
    groups: {
      recomputed: 'Recomputed (formulas over Detail)',
      activities: 'Activities',
      envelope: `Adopted envelope (${envelopeInSentence(w.envelope, 'en')}) and gap`,
      pac: 'Computed by PAC (values)',
    },
    byPillarTitle: 'By pillar',
    pac: (h) => `${h} (PAC)`,
  },
  detail: { lineFrom: 'Line from', version: 'Version', state: 'State', status: 'Status', remark: 'Remark' },
  ministrySheet: {
    title: (code, name) => `${code} — ${name}`,
    identity: (p) => `Version ${p.version} · ${p.state} · received ${p.createdAt} · ${p.tokenLabel}`,
    counted: 'Counted in the summary',
  },
  totalRow: 'TOTAL',
  pacRow: 'Computed by PAC',
  ok: 'OK',
  mismatch: 'GAP',
  yes: 'Yes',
  no: 'No',
  findings: {
    title: 'Findings of the latest returns',
    ministry: 'Ministry',
    version: 'Version',
    place: 'Cell',
    code: 'Code',
    severity: 'Severity',
    message: 'Message',
    none: 'No finding.',
    error: 'Error',
    warning: 'Warning',
  },
  log: {
    title: 'Submissions log',
    ministry: 'Ministry',
    version: 'Version',
    date: 'Received',
    token: 'Token',
    state: 'State',
    errors: 'Errors',
    warnings: 'Warnings',
    review: 'Review comment',
    reviewedAt: 'Reviewed',
    reviewedBy: 'Reviewed by',
    latest: 'In the consolidation',
  },
  states: { submitted: 'Submitted', returned: 'Returned', accepted: 'Accepted' },
  statuses: { costed: 'Costed', pm: 'PM', not_filled: 'Not filled', no_line: 'No line' },
  notCounted: (reason, p) => {
    switch (reason) {
      case 'unknown_activity':
        return `Not counted: activity not in the plan (version ${p.planVersion})`;
      case 'not_responsible':
        return `Not counted: ${p.ministry} is not responsible for this activity in the plan`;
      case 'duplicate':
        return 'Not counted: activity already given above in this return';
      case 'other_line_counted':
        return p.version === null
          ? `Not counted: joint activity, ${p.ministry}'s line is counted`
          : `Not counted: joint activity, ${p.ministry}'s line (v${p.version}) is counted`;
    }
  },
  otherLine: (p) =>
    `Line from ${p.ministry} (v${p.version}) also received, not counted: ${p.status}, total ${p.total}`,
  leadNotFilled: (p) => `Line from ${p.ministry} used: the lead ministry ${p.lead}'s line is not filled`,
});

/** The wording for a plan in millions of FCFA with the shipped plan's summary table (DEFAULT_PLAN_WORDS). */
export const CONSOLIDATION_WORDING: Readonly<Record<Lang, ConsolidationWording>> = {
  fr: fr(DEFAULT_PLAN_WORDS),
  en: en(DEFAULT_PLAN_WORDS),
};

/** The consolidated workbook's wording for a plan: its unit and its summary table. */
export const consolidationWording = wordingPerPlan({ fr, en });
