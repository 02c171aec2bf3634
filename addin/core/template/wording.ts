/**
 * Every sentence the template workbook shows — instructions, titles, input and error messages of
 * the data validation, check labels — in French and in English, apart from the layout in
 * ./build.ts. Sheet names and nature values come from ../layout.ts so the text always names what
 * people actually see; the plan's unit, levels and summary table from ../plan-words.ts.
 */
import { type Lang, NATURE_VALUES, SHEET_NAMES } from '../layout.ts';
import {
  DEFAULT_PLAN_WORDS,
  envelopeInSentence,
  type PlanWords,
  spelledAmount,
  unitInSentence,
  wordingPerPlan,
} from '../plan-words.ts';

export interface Prompt {
  title: string;
  message: string;
}

/** What the checks sheet counts; one label per row. */
export type CheckKey =
  | 'fundingSplit'
  | 'pmWithAmounts'
  | 'negative'
  | 'outsideExecution'
  | 'textAmounts'
  | 'summaryTotal';

export interface IdentityParams {
  planId: string;
  planVersion: string;
  templateId: string;
  templateVersion: string;
  generatedAt: string;
}

export interface TemplateWording {
  scopeMinistry(code: string, name: string): string;
  scopeWholePlan: string;
  identity(p: IdentityParams): string;
  /** The instructions sheet: headings and paragraphs, in order. */
  instructions(firstYearMark: string, lastYearMark: string): { heading?: string; text?: string }[];
  instructionsTitle: string;
  amount: { prompt: Prompt; error: Prompt };
  funding: { prompt: Prompt; error: Prompt };
  mark: { prompt: Prompt; error: Prompt };
  nature: { prompt: Prompt; error: Prompt };
  summaryTitle: string;
  summaryNote: string;
  summaryHeaders: {
    pillars: string;
    ministries: string;
    total: string;
    national: string;
    external: string;
    envelope: string;
    gap: string;
  };
  checksTitle: string;
  checksIntro: string;
  checksHeaders: { check: string; count: string; status: string };
  statusOk: string;
  statusFix: string;
  checks: Record<CheckKey, string>;
  checksNote: string;
  listHeaders: { nature: string; marks: string };
  /** Page header and footer text; fields (page number, date) are filled in by the spreadsheet. */
  printPlan(planId: string, planVersion: string): string;
  printWholePlan: string;
  /** A ministry by its code alone, when its name is too long for a page header. */
  printMinistryCode(code: string): string;
  printedOn: string;
  pageOf<F>(page: F, pages: F): (string | F)[];
  /** The block under the entry sheet's TOTAL, signed on paper. */
  signature: {
    preparedBy: string;
    approvedBy: string;
    name: string;
    date: string;
    sign: string;
    stamp: string;
  };
}

/** "2021-05-04T08:30:00Z" → "2021-05-04 08:30 UTC": no Date, so the text never depends on the host's zone. */
export function shownTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** "(Pilier, OS, R)", or "(Pilier, R)" for a plan without strategic objectives. */
const levels = (w: PlanWords, pillar: string, objective: string) =>
  w.objectives ? `(${pillar}, ${objective}, R)` : `(${pillar}, R)`;

/** "Enveloppe adoptée (II.2.1)", or plainly "Enveloppe adoptée" when the table has no number. */
const numbered = (text: string, w: PlanWords) =>
  w.envelope.number === null ? text : `${text} (${w.envelope.number})`;

const fr = (w: PlanWords): TemplateWording => {
  const s = SHEET_NAMES;
  const unitIn = unitInSentence(w.unit, 'fr');
  const UnitIn = unitIn.charAt(0).toUpperCase() + unitIn.slice(1);
  const table = envelopeInSentence(w.envelope, 'fr');
  return {
    scopeMinistry: (code, name) => `Ministère : ${code} — ${name}`,
    scopeWholePlan: 'Modèle complet : toutes les activités du plan',
    identity: (p) =>
      `Plan ${p.planId}, version ${p.planVersion} · modèle ${p.templateId} v${p.templateVersion} · ` +
      `généré le ${shownTime(p.generatedAt)} · montants ${unitIn}`,
    instructionsTitle: "Mode d'emploi du modèle de saisie PAC",
    instructions: (first, last) => [
      { heading: 'À quoi sert ce classeur' },
      {
        text:
          "Ce classeur sert à chiffrer les activités du plan d'action dont votre ministère est responsable. " +
          'Les codes, intitulés, résultats et responsables viennent du plan de référence : ils sont verrouillés (cellules grises).',
      },
      { heading: `Ce qu'il faut remplir (feuille « ${s.entry.fr} », cellules jaunes)` },
      {
        text:
          `Nature : « ${NATURE_VALUES.costed.fr} » pour une activité chiffrée, « ${NATURE_VALUES.pm.fr} » (pour mémoire) ` +
          "pour une activité inscrite au plan sans coût. PM ne veut pas dire zéro : l'activité est prévue mais pas chiffrée, " +
          'laissez alors ses montants vides.',
      },
      {
        text:
          `Montants par année : ${unitIn}. Tapez 1500 pour ${spelledAmount(1500, w.unit, 'fr')}, ` +
          `0,5 pour ${spelledAmount(0.5, w.unit, 'fr')}. ` +
          `N'écrivez ni « ${w.unit.unit.currency} » ni « M » dans la cellule.`,
      },
      {
        text:
          'Budget national et Extérieur : la part du total financée par le budget de l’État et par les partenaires. ' +
          'Leur somme doit être égale au total.',
      },
      {
        text:
          `Périodes d'exécution (${first} … ${last}) : une X dans chaque année où l'activité est exécutée. ` +
          "Elles sont pré-remplies d'après le plan ; un montant dans une année sans X est signalé.",
      },
      {
        text: 'Commentaire : toute précision utile au Secrétariat permanent (hypothèse de coût, source, changement).',
      },
      { heading: 'Ce qui est calculé' },
      {
        text:
          `La colonne Total, les lignes de sous-total ${levels(w, 'Pilier', 'OS')} et la ligne TOTAL sont des formules : ne les écrasez pas. ` +
          `La feuille « ${s.summary.fr} » reprend la présentation du ${table} du plan (pilier × ministère × année) ` +
          "et la compare à l'enveloppe adoptée.",
      },
      { heading: 'La ligne rouge' },
      {
        text:
          "Une ligne d'activité devient rouge quand ses montants par année ne font pas son total, ou quand " +
          'Budget national + Extérieur ne fait pas le total (dès que l’un des deux est rempli). Corrigez-la avant l’envoi.',
      },
      { heading: 'Avant d’envoyer' },
      {
        text:
          `La feuille « ${s.checks.fr} » compte ce qui reste à corriger : chaque ligne doit indiquer « OK ». ` +
          "Les contrôles complets (activité inconnue, doublon, écart à l'enveloppe) sont faits par PAC à la réception, " +
          'ou avant l’envoi avec le bouton « Vérifier » du complément PAC.',
      },
      { heading: 'Envoyer' },
      {
        text:
          'Avec le complément PAC dans Excel ou Google Sheets : bouton « Soumettre ». ' +
          'Sans le complément : envoyez ce fichier par courriel au Secrétariat permanent.',
      },
      {
        text: 'Ne renommez pas les feuilles, n’insérez, ne supprimez ni ne déplacez aucune colonne : le fichier ne pourrait plus être lu.',
      },
      { heading: 'Protection' },
      {
        text:
          'Les feuilles sont protégées sans mot de passe, seulement pour éviter les erreurs de frappe. ' +
          'Si vous devez ôter la protection (Révision › Ôter la protection de la feuille), ne touchez pas aux formules ni aux cellules grises.',
      },
    ],
    amount: {
      prompt: {
        title: 'Montant',
        message: `${UnitIn}, positif ou nul (1500 = ${spelledAmount(1500, w.unit, 'fr', true)}). Laissez vide pour une activité PM.`,
      },
      error: {
        title: 'Montant non valide',
        message: `Tapez un nombre positif ou nul, ${unitIn}, sans texte ni unité.`,
      },
    },
    funding: {
      prompt: {
        title: 'Source de financement',
        message: `${UnitIn}. Budget national + Extérieur doit être égal au total de la ligne.`,
      },
      error: {
        title: 'Montant non valide',
        message: `Tapez un nombre positif ou nul, ${unitIn}, sans texte ni unité.`,
      },
    },
    mark: {
      prompt: {
        title: "Période d'exécution",
        message: "X si l'activité est exécutée cette année-là, sinon vide.",
      },
      error: { title: 'Marque non valide', message: 'Seule une X est acceptée (ou une cellule vide).' },
    },
    nature: {
      prompt: {
        title: 'Nature',
        message: `« ${NATURE_VALUES.costed.fr} » ou « ${NATURE_VALUES.pm.fr} » (pour mémoire : inscrite sans coût, montants vides).`,
      },
      error: {
        title: 'Nature non valide',
        message: `Choisissez « ${NATURE_VALUES.costed.fr} » ou « ${NATURE_VALUES.pm.fr} » dans la liste.`,
      },
    },
    summaryTitle: `Synthèse par pilier et par ministère (${w.unit.fr.of}), présentation du ${table}`,
    summaryNote:
      `Calculée à partir de la feuille « ${s.entry.fr} » : rien à saisir ici. ` +
      `L'enveloppe adoptée est celle du ${table} ; l'écart est Total − Enveloppe.`,
    summaryHeaders: {
      pillars: 'Piliers',
      ministries: 'Ministères',
      total: 'TOTAL',
      national: 'Budget national',
      external: 'Extérieur',
      envelope: numbered('Enveloppe adoptée', w),
      gap: 'Écart',
    },
    checksTitle: 'Contrôles avant envoi',
    checksIntro: `Ces contrôles se recalculent à chaque saisie dans la feuille « ${s.entry.fr} ».`,
    checksHeaders: { check: 'Contrôle', count: 'Nombre', status: 'État' },
    statusOk: 'OK',
    statusFix: 'À corriger',
    checks: {
      fundingSplit: 'Lignes dont Budget national + Extérieur ≠ Total',
      pmWithAmounts: 'Lignes PM (pour mémoire) portant des montants',
      negative: 'Montants négatifs (cellules)',
      outsideExecution: 'Montants dans une année sans X d’exécution (cellules)',
      textAmounts: 'Montants saisis comme du texte (cellules)',
      summaryTotal: `Colonnes où le TOTAL de « ${s.summary.fr} » ≠ TOTAL de « ${s.entry.fr} »`,
    },
    checksNote:
      'Les contrôles complets — activité inconnue, doublon, activité manquante, écart à l’enveloppe — sont faits par PAC : ' +
      '« pac validate » à la réception du fichier, ou le bouton « Vérifier » du complément.',
    listHeaders: { nature: 'Nature', marks: 'Marques' },
    printPlan: (id, version) => `Plan ${id}, version ${version}`,
    printWholePlan: 'Modèle complet (toutes les activités)',
    printMinistryCode: (code) => `Ministère : ${code}`,
    printedOn: 'Imprimé le ',
    pageOf: (page, pages) => ['Page ', page, ' sur ', pages],
    signature: {
      preparedBy: 'Établi par',
      approvedBy: 'Visa du responsable CPS',
      name: 'Nom et fonction :',
      date: 'Date :',
      sign: 'Signature :',
      stamp: 'Signature et cachet :',
    },
  };
};

const en = (w: PlanWords): TemplateWording => {
  const s = SHEET_NAMES;
  const unitIn = unitInSentence(w.unit, 'en');
  const UnitIn = unitIn.charAt(0).toUpperCase() + unitIn.slice(1);
  const table = envelopeInSentence(w.envelope, 'en');
  return {
    scopeMinistry: (code, name) => `Ministry: ${code} — ${name}`,
    scopeWholePlan: 'Full template: every activity of the plan',
    identity: (p) =>
      `Plan ${p.planId}, version ${p.planVersion} · template ${p.templateId} v${p.templateVersion} · ` +
      `generated ${shownTime(p.generatedAt)} · amounts ${unitIn}`,
    instructionsTitle: 'How to fill in the PAC entry template',
    instructions: (first, last) => [
      { heading: 'What this workbook is for' },
      {
        text:
          'Use it to cost the action-plan activities your ministry is responsible for. Codes, titles, results and ' +
          'responsible ministries come from the reference plan: they are locked (grey cells).',
      },
      { heading: `What to fill in ("${s.entry.en}" sheet, yellow cells)` },
      {
        text:
          `Type: "${NATURE_VALUES.costed.en}" for a costed activity, "${NATURE_VALUES.pm.en}" (pour mémoire) for an ` +
          'activity listed in the plan without a cost. PM does not mean zero: the activity is planned but not costed, ' +
          'so leave its amounts empty.',
      },
      {
        text:
          `Amounts per year: ${unitIn}. Type 1500 for ${spelledAmount(1500, w.unit, 'en')}, ` +
          `0.5 for ${spelledAmount(0.5, w.unit, 'en')}. ` +
          `Do not type "${w.unit.unit.currency}" or "M" in the cell.`,
      },
      {
        text:
          'National budget and External: the part of the total funded by the State budget and by partners. ' +
          'They must add up to the total.',
      },
      {
        text:
          `Execution periods (${first} … ${last}): an X in each year the activity is carried out. ` +
          'They are prefilled from the plan; an amount in a year without an X is flagged.',
      },
      { text: 'Comment: anything the Permanent Secretariat should know (cost assumption, source, change).' },
      { heading: 'What is computed' },
      {
        text:
          `The Total column, the subtotal rows ${levels(w, 'Pillar', 'SO')} and the TOTAL row are formulas: do not type over them. ` +
          `The "${s.summary.en}" sheet follows the layout of the plan's ${table} (pillar × ministry × year) ` +
          'and compares it with the adopted envelope.',
      },
      { heading: 'The red line' },
      {
        text:
          'An activity row turns red when its amounts per year do not add up to its total, or when national budget + ' +
          'external does not equal the total (as soon as either is filled). Fix it before sending.',
      },
      { heading: 'Before sending' },
      {
        text:
          `The "${s.checks.en}" sheet counts what is left to fix: every row must say "OK". ` +
          'The full checks (unknown activity, duplicate, gap to the envelope) are run by PAC on receipt, ' +
          'or before sending with the PAC add-in\'s "Check" button.',
      },
      { heading: 'Sending' },
      {
        text:
          'With the PAC add-in in Excel or Google Sheets: the "Submit" button. ' +
          'Without the add-in: e-mail this file to the Permanent Secretariat.',
      },
      {
        text: 'Do not rename sheets, and do not insert, delete or move any column: the file could no longer be read.',
      },
      { heading: 'Protection' },
      {
        text:
          'Sheets are protected without a password, only to prevent typing mistakes. If you must unprotect one ' +
          '(Review › Unprotect Sheet), leave formulas and grey cells alone.',
      },
    ],
    amount: {
      prompt: {
        title: 'Amount',
        message: `${UnitIn}, zero or more (1500 = ${spelledAmount(1500, w.unit, 'en', true)}). Leave empty for a PM activity.`,
      },
      error: {
        title: 'Invalid amount',
        message: `Type a number, zero or more, ${unitIn}, with no text or unit.`,
      },
    },
    funding: {
      prompt: {
        title: 'Funding source',
        message: `${UnitIn}. National budget + External must equal the row total.`,
      },
      error: {
        title: 'Invalid amount',
        message: `Type a number, zero or more, ${unitIn}, with no text or unit.`,
      },
    },
    mark: {
      prompt: {
        title: 'Execution period',
        message: 'X if the activity is carried out that year, otherwise empty.',
      },
      error: { title: 'Invalid mark', message: 'Only an X is accepted (or an empty cell).' },
    },
    nature: {
      prompt: {
        title: 'Type',
        message: `"${NATURE_VALUES.costed.en}" or "${NATURE_VALUES.pm.en}" (pour mémoire: listed without a cost, amounts empty).`,
      },
      error: {
        title: 'Invalid type',
        message: `Choose "${NATURE_VALUES.costed.en}" or "${NATURE_VALUES.pm.en}" from the list.`,
      },
    },
    summaryTitle: `Summary by pillar and ministry (${w.unit.en}), in the layout of ${table}`,
    summaryNote:
      `Computed from the "${s.entry.en}" sheet: nothing to type here. ` +
      `The adopted envelope is that of ${table}; the gap is Total − Envelope.`,
    summaryHeaders: {
      pillars: 'Pillars',
      ministries: 'Ministries',
      total: 'TOTAL',
      national: 'National budget',
      external: 'External',
      envelope: numbered('Adopted envelope', w),
      gap: 'Gap',
    },
    checksTitle: 'Checks before sending',
    checksIntro: `These checks recompute with every entry in the "${s.entry.en}" sheet.`,
    checksHeaders: { check: 'Check', count: 'Count', status: 'Status' },
    statusOk: 'OK',
    statusFix: 'To fix',
    checks: {
      fundingSplit: 'Rows where national budget + external ≠ total',
      pmWithAmounts: 'PM (pour mémoire) rows carrying amounts',
      negative: 'Negative amounts (cells)',
      outsideExecution: 'Amounts in a year without an execution X (cells)',
      textAmounts: 'Amounts typed as text (cells)',
      summaryTotal: `Columns where the "${s.summary.en}" TOTAL ≠ the "${s.entry.en}" TOTAL`,
    },
    checksNote:
      'The full checks — unknown activity, duplicate, missing activity, gap to the envelope — are run by PAC: ' +
      '"pac validate" when the file is received, or the add-in\'s "Check" button.',
    listHeaders: { nature: 'Type', marks: 'Marks' },
    printPlan: (id, version) => `Plan ${id}, version ${version}`,
    printWholePlan: 'Full template (every activity)',
    printMinistryCode: (code) => `Ministry: ${code}`,
    printedOn: 'Printed on ',
    pageOf: (page, pages) => ['Page ', page, ' of ', pages],
    signature: {
      preparedBy: 'Prepared by',
      approvedBy: 'Approved by the head of the CPS',
      name: 'Name and position:',
      date: 'Date:',
      sign: 'Signature:',
      stamp: 'Signature and stamp:',
    },
  };
};

/** The wording for a plan in millions of FCFA with the shipped plan's shape (DEFAULT_PLAN_WORDS). */
export const TEMPLATE_WORDING: Readonly<Record<Lang, TemplateWording>> = {
  fr: fr(DEFAULT_PLAN_WORDS),
  en: en(DEFAULT_PLAN_WORDS),
};

/** The template's wording for a plan: its unit, its levels, its summary table. */
export const templateWording = wordingPerPlan({ fr, en });
