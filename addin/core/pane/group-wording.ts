/**
 * The title of a group of findings in the pane, per code and language, with the group's count:
 * « 13 lignes à remplir », "3 amounts typed as text". One finding's sentence is ../messages';
 * this names what many findings of one code have in common, so that a long list reads as a few
 * lines. The mapped type makes a code without a title, in either language, a compile error.
 */
import type { FindingCode } from '../findings.ts';
import type { Lang } from '../layout.ts';

export type GroupTitles = { readonly [C in FindingCode]: (n: number) => string };

/** "1 ligne", "0 ligne", "2 lignes": French takes the singular below 2. */
const fr = (one: string, many: string) => (n: number) => `${n} ${n < 2 ? one : many}`;
const en = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;

export const GROUP_TITLES: Readonly<Record<Lang, GroupTitles>> = {
  fr: {
    unreadable_state: fr('état illisible', 'états illisibles'),
    execution_total_mismatch: fr(
      'total saisi par-dessus sa formule',
      'totaux saisis par-dessus leur formule',
    ),
    execution_negative: fr('montant exécuté négatif', 'montants exécutés négatifs'),
    disbursed_over_committed: fr('décaissé au-delà de l’engagé', 'décaissés au-delà de l’engagé'),
    committed_over_planned: fr('engagement au-delà du prévu', 'engagements au-delà du prévu'),
    execution_not_planned: fr('exécution sans rien de prévu', 'exécutions sans rien de prévu'),
    execution_on_withdrawn: fr('activité retirée du plan', 'activités retirées du plan'),
    execution_state_mismatch: fr('état contredit par les montants', 'états contredits par les montants'),
    unknown_indicator: fr('indicateur hors du plan', 'indicateurs hors du plan'),
    unreadable_number: fr('montant illisible', 'montants illisibles'),
    ambiguous_number: fr('montant ambigu', 'montants ambigus'),
    amount_as_text: fr('montant saisi comme du texte', 'montants saisis comme du texte'),
    pm_in_costed_amount: fr('« PM » dans une ligne chiffrée', '« PM » dans des lignes chiffrées'),
    error_value: fr('cellule qui affiche une erreur', 'cellules qui affichent une erreur'),
    formula_in_input: fr('formule dans une cellule de saisie', 'formules dans des cellules de saisie'),
    rows_reordered: fr('tri ou déplacement de lignes', 'tris ou déplacements de lignes'),
    unreadable_mark: fr("marque d'exécution illisible", "marques d'exécution illisibles"),
    unreadable_nature: fr('nature illisible', 'natures illisibles'),
    unknown_year: fr('année hors du plan', 'années hors du plan'),
    entry_header_missing: fr("ligne d'en-tête introuvable", "lignes d'en-tête introuvables"),
    entry_column_mismatch: fr('colonne déplacée ou renommée', 'colonnes déplacées ou renommées'),
    formula_modified: fr('formule du modèle remplacée', 'formules du modèle remplacées'),
    legacy_row_not_mapped: fr('ligne non reprise', 'lignes non reprises'),
    missing_activity_code: fr("ligne sans code d'activité", "lignes sans code d'activité"),
    negative_amount: fr('montant négatif', 'montants négatifs'),
    line_total_mismatch: fr(
      'ligne dont les années ne font pas le total',
      'lignes dont les années ne font pas le total',
    ),
    funding_split_mismatch: fr(
      'ligne dont national + extérieur ne font pas le total',
      'lignes dont national + extérieur ne font pas le total',
    ),
    pm_with_amounts: fr('ligne « PM » avec des montants', 'lignes « PM » avec des montants'),
    costed_without_amounts: fr('ligne « Chiffré » sans montant', 'lignes « Chiffré » sans montant'),
    line_not_filled: fr('ligne à remplir', 'lignes à remplir'),
    amount_outside_execution: fr(
      "montant hors des années d'exécution",
      "montants hors des années d'exécution",
    ),
    execution_without_amount: fr("année d'exécution sans montant", "années d'exécution sans montant"),
    unknown_activity: fr('code hors du plan', 'codes hors du plan'),
    activity_not_owned: fr("activité d'un autre ministère", "activités d'autres ministères"),
    duplicate_line: fr('activité saisie deux fois', 'activités saisies deux fois'),
    activity_missing: fr('activité absente du retour', 'activités absentes du retour'),
    subtotal_mismatch: fr('sous-total qui ne correspond pas', 'sous-totaux qui ne correspondent pas'),
    summary_row_mismatch: fr(
      'ligne de synthèse dont les années ne font pas le total',
      'lignes de synthèse dont les années ne font pas le total',
    ),
    summary_split_mismatch: fr(
      'ligne de synthèse dont national + extérieur ne font pas le total',
      'lignes de synthèse dont national + extérieur ne font pas le total',
    ),
    summary_column_mismatch: fr(
      'colonne de synthèse différente de sa ligne de total',
      'colonnes de synthèse différentes de leur ligne de total',
    ),
    summary_total_row_mismatch: fr(
      'ligne de total de synthèse incohérente',
      'lignes de total de synthèse incohérentes',
    ),
    summary_detail_mismatch: fr(
      'écart entre la synthèse et le détail',
      'écarts entre la synthèse et le détail',
    ),
    envelope_gap: fr("écart à l'enveloppe adoptée", "écarts à l'enveloppe adoptée"),
    duplicate_activity_code: fr("code d'activité imprimé deux fois", "codes d'activité imprimés deux fois"),
    activity_code_prefix_mismatch: fr(
      "code d'activité hors de son résultat",
      "codes d'activité hors de leur résultat",
    ),
    result_without_code: fr('résultat sans code', 'résultats sans code'),
    execution_years_missing: fr("activité sans périodes d'exécution", "activités sans périodes d'exécution"),
  },
  en: {
    unreadable_state: en('unreadable state', 'unreadable states'),
    execution_total_mismatch: en('total typed over its formula', 'totals typed over their formula'),
    execution_negative: en('negative executed amount', 'negative executed amounts'),
    disbursed_over_committed: en('disbursed above committed', 'disbursed above committed'),
    committed_over_planned: en('commitment above plan', 'commitments above plan'),
    execution_not_planned: en('execution with nothing planned', 'executions with nothing planned'),
    execution_on_withdrawn: en('activity withdrawn from the plan', 'activities withdrawn from the plan'),
    execution_state_mismatch: en('state the amounts contradict', 'states the amounts contradict'),
    unknown_indicator: en('indicator not in the plan', 'indicators not in the plan'),
    unreadable_number: en('unreadable amount', 'unreadable amounts'),
    ambiguous_number: en('ambiguous amount', 'ambiguous amounts'),
    amount_as_text: en('amount typed as text', 'amounts typed as text'),
    pm_in_costed_amount: en('"PM" in a costed line', '"PM" in costed lines'),
    error_value: en('cell showing an error', 'cells showing an error'),
    formula_in_input: en('formula in an input cell', 'formulas in input cells'),
    rows_reordered: en('sort or move of rows', 'sorts or moves of rows'),
    unreadable_mark: en('unreadable execution mark', 'unreadable execution marks'),
    unreadable_nature: en('unreadable type', 'unreadable types'),
    unknown_year: en('year outside the plan', 'years outside the plan'),
    entry_header_missing: en('header row not found', 'header rows not found'),
    entry_column_mismatch: en('column moved or renamed', 'columns moved or renamed'),
    formula_modified: en("template's formula replaced", "template's formulas replaced"),
    legacy_row_not_mapped: en('row not carried over', 'rows not carried over'),
    missing_activity_code: en('line without an activity code', 'lines without an activity code'),
    negative_amount: en('negative amount', 'negative amounts'),
    line_total_mismatch: en(
      'line whose years do not add up to its total',
      'lines whose years do not add up to their total',
    ),
    funding_split_mismatch: en(
      'line whose national + external do not make its total',
      'lines whose national + external do not make their total',
    ),
    pm_with_amounts: en('"PM" line with amounts', '"PM" lines with amounts'),
    costed_without_amounts: en('"Costed" line without amounts', '"Costed" lines without amounts'),
    line_not_filled: en('line to fill in', 'lines to fill in'),
    amount_outside_execution: en('amount outside the execution years', 'amounts outside the execution years'),
    execution_without_amount: en('execution year without an amount', 'execution years without an amount'),
    unknown_activity: en('code not in the plan', 'codes not in the plan'),
    activity_not_owned: en("another ministry's activity", "other ministries' activities"),
    duplicate_line: en('activity entered twice', 'activities entered twice'),
    activity_missing: en('activity missing from the return', 'activities missing from the return'),
    subtotal_mismatch: en('subtotal that does not match', 'subtotals that do not match'),
    summary_row_mismatch: en(
      'summary line whose years do not add up to its total',
      'summary lines whose years do not add up to their total',
    ),
    summary_split_mismatch: en(
      'summary line whose national + external do not make its total',
      'summary lines whose national + external do not make their total',
    ),
    summary_column_mismatch: en(
      'summary column that differs from its total row',
      'summary columns that differ from their total row',
    ),
    summary_total_row_mismatch: en('inconsistent summary total row', 'inconsistent summary total rows'),
    summary_detail_mismatch: en(
      'gap between the summary and the detail',
      'gaps between the summary and the detail',
    ),
    envelope_gap: en('gap to the adopted envelope', 'gaps to the adopted envelope'),
    duplicate_activity_code: en('activity code printed twice', 'activity codes printed twice'),
    activity_code_prefix_mismatch: en(
      'activity code outside its result',
      'activity codes outside their result',
    ),
    result_without_code: en('result without a code', 'results without a code'),
    execution_years_missing: en('activity without execution years', 'activities without execution years'),
  },
};
