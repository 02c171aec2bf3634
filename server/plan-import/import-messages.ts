/**
 * The plan import's wording, French and English, one exhaustive switch per language: what was
 * found, and what to do in the workbook (or the ministries file) to fix it.
 */
import type { Lang } from '#core';
import type { ImportFinding } from './import-findings.ts';

const cut = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function fr(f: ImportFinding): string {
  switch (f.code) {
    case 'year_columns_gap':
      return `Les colonnes d'années sautent « ${f.params.missing} » : elles doivent se suivre à partir de AN I. Ajoutez la colonne manquante ou renommez les en-têtes.`;
    case 'year_count_differs':
      return `Ce tableau a ${f.params.count} colonne(s) d'années, le premier tableau du classeur en a ${f.params.first} : un même plan a les mêmes années partout. Mettez les tableaux en accord.`;
    case 'first_year_unknown':
      return `L'année de AN I n'est écrite nulle part (ni tableau de synthèse avec ses années, ni période de ${f.params.count} ans comme « 2026-2030 » au-dessus des tableaux ou dans le nom de la feuille). Indiquez-la avec --first-year ANNÉE.`;
    case 'years_conflict':
      return `Le tableau de synthèse commence en ${f.params.stated}, l'option --first-year dit ${f.params.other}. Mettez-les en accord.`;
    case 'unit_unreadable':
      return `Unité des montants illisible dans l'en-tête « ${cut(f.params.text)} ». Écrivez par exemple « Coût en millions de FCFA » ou « Coût en milliers de FCFA », ou indiquez l'unité avec --unit.`;
    case 'unit_conflict':
      return `Ici, les montants sont en ${f.params.unit}, ailleurs en ${f.params.other} : PAC ne convertit rien. Mettez le classeur (et l'option --unit) dans une seule unité.`;
    case 'unit_assumed':
      return `Aucun en-tête ne dit l'unité des montants : ils sont pris en ${f.params.unit}, l'unité par défaut. Si ce n'est pas le cas, écrivez-la dans l'en-tête du coût ou indiquez-la avec --unit.`;
    case 'pillar_name_missing':
      return `Le pilier ${f.params.pillar} n'a pas de titre au-dessus de son tableau : il s'appelle « Pilier ${f.params.pillar} ». Ajoutez une ligne de titre (« PILIER ${f.params.pillar} : … ») si ce n'est pas voulu.`;
    case 'pillar_code_mismatch':
      return `Le titre annonce le pilier ${f.params.banner}, mais les codes qui suivent sont ceux du pilier ${f.params.code}. Corrigez le titre ou les codes.`;
    case 'outside_structure': {
      const what = { objective: 'Objectif stratégique', result: 'Résultat', activity: 'Activité' }[
        f.params.level
      ];
      const above =
        f.params.level === 'activity' ? 'un résultat' : f.params.level === 'result' ? 'un OS' : 'un pilier';
      return `${what} « ${cut(f.params.text)} » avant ${above} : impossible de le rattacher. Ajoutez la ligne qui manque au-dessus.`;
    }
    case 'code_depth':
      return `Le code ${f.params.code} n'a pas ${f.params.expected} parties comme les autres codes de ce niveau dans ce plan. Corrigez-le (ou ajoutez les lignes d'OS si le plan en a).`;
    case 'duplicate_code':
      return `Le code ${f.params.level === 'objective' ? "d'OS" : 'de résultat'} ${f.params.code} est déjà pris par un autre intitulé (${f.params.first}). Donnez-lui son propre code.`;
    case 'code_fits_two_parents': {
      const parent = { objective: 'le pilier', result: "l'OS", activity: 'le résultat' }[f.params.level];
      return `Le code ${f.params.code} est rangé sous ${parent} ${f.params.under}, mais il désigne ${parent} ${f.params.named}, qui existe aussi : impossible de dire où il va. Déplacez la ligne ou corrigez son code.`;
    }
    case 'code_parent_mismatch':
      return `Le code de résultat ${f.params.code} ne commence pas par celui de son OS (${f.params.under}) : gardé tel qu'écrit ; faites-le confirmer.`;
    case 'activity_without_code':
      return `Activité sans code (« ${cut(f.params.title)} ») : écrivez son code en tête de la cellule.`;
    case 'result_without_activity':
      return `Le résultat ${f.params.result} n'a aucune activité.`;
    case 'row_not_read':
      return `Ligne non lue : « ${cut(f.params.text)} » n'est ni un titre de pilier ou d'OS, ni un résultat, ni des indicateurs, ni une activité. Déplacez-la hors du tableau si c'est une note.`;
    case 'responsible_missing':
      return `Activité ${f.params.activity} : département responsable vide. Indiquez le ministère responsable.`;
    case 'responsible_unknown':
      return `Activité ${f.params.activity} : département responsable « ${cut(f.params.text)} » inconnu du répertoire des ministères. Corrigez la graphie, ou ajoutez-la au fichier --ministries (code, nom, graphies séparées par |, tutelle).`;
    case 'cost_unreadable':
      return `Activité ${f.params.activity} : coût « ${cut(f.params.text)} » illisible. Écrivez un nombre, ou « PM » pour une activité non chiffrée.`;
    case 'cost_ambiguous':
      return `Activité ${f.params.activity} : coût « ${f.params.text} » ambigu (${f.params.asThousands} ou ${f.params.asDecimal} ?). Écrivez-le sans point, ou avec une virgule décimale.`;
    case 'cost_formula':
      return `Activité ${f.params.activity} : le coût est une formule (=${cut(f.params.formula)}). Écrivez le montant lui-même.`;
    case 'cost_negative':
      return `Activité ${f.params.activity} : coût négatif (${f.params.text}). Corrigez le montant.`;
    case 'mark_unreadable':
      return `Activité ${f.params.activity} : la marque de l'année ${f.params.year} est « ${cut(f.params.text)} ». Écrivez X pour une année d'exécution, ou laissez la cellule vide.`;
    case 'no_execution_year':
      return `Activité ${f.params.activity} : aucune année d'exécution marquée (X). Faites-les confirmer par le ministère responsable.`;
    case 'summary_twice':
      return `Deuxième tableau de synthèse dans le classeur (le premier est en ${f.params.first}) : gardez-en un seul.`;
    case 'summary_pillar_unknown':
      return `Tableau de synthèse : le pilier « ${cut(f.params.text)} » ne correspond à aucun pilier du détail. Écrivez son nom comme au-dessus de son tableau, ou « Pilier N ».`;
    case 'summary_ministry_unknown':
      return `Tableau de synthèse : ministère « ${cut(f.params.text)} » inconnu du répertoire des ministères (ou désignant plusieurs ministères). Corrigez la graphie, ou ajoutez-la au fichier --ministries.`;
    case 'summary_amount_unreadable':
      return `Tableau de synthèse : montant « ${cut(f.params.text)} » illisible. Écrivez un nombre.`;
    case 'summary_formula_unknown':
      return `Tableau de synthèse : PAC ne sait pas calculer la formule =${cut(f.params.formula)}. Remplacez-la par une somme (SOMME) ou par sa valeur.`;
    case 'summary_total_missing':
      return 'Tableau de synthèse sans ligne TOTAL : ajoutez-la à la fin du tableau.';
    case 'summary_years_differ':
      return `Le tableau de synthèse a les années ${f.params.summary}, le détail a ${f.params.detail} colonne(s) AN : il faut autant d'années, qui se suivent.`;
    case 'summary_subtotal_skipped':
      return `Ligne de sous-total « ${cut(f.params.text)} » du tableau de synthèse : non lue (les contrôles refont les totaux).`;
    case 'directory_row_unreadable':
      return f.params.reason === 'code'
        ? `Fichier des ministères : code « ${cut(f.params.text)} » invalide (lettres, chiffres, « . », « - » ou « _ », sans espace).`
        : `Fichier des ministères : le nouveau code ${f.params.text} n'a pas de nom. Écrivez le nom complet du ministère dans la deuxième colonne.`;
    case 'directory_spelling_conflict':
      return `Fichier des ministères : la graphie « ${f.params.spelling} » est donnée à ${f.params.code}, mais elle désigne déjà ${f.params.other}. Une graphie ne peut désigner qu'un seul ministère.`;
    case 'directory_parent_unknown':
      return `Fichier des ministères : la tutelle « ${f.params.parent} » de ${f.params.code} n'est pas un code connu.`;
    case 'directory_joint_unknown':
      return `Fichier des ministères : la responsabilité conjointe ${f.params.code} nomme « ${f.params.part} », qui n'est pas un code connu.`;
  }
  return f satisfies never;
}

function en(f: ImportFinding): string {
  switch (f.code) {
    case 'year_columns_gap':
      return `The year columns skip "${f.params.missing}": they must follow each other from AN I. Add the missing column or rename the headers.`;
    case 'year_count_differs':
      return `This table has ${f.params.count} year column(s), the workbook's first table has ${f.params.first}: one plan has the same years everywhere. Make the tables agree.`;
    case 'first_year_unknown':
      return `The calendar year of AN I is written nowhere (no summary table with its years, no ${f.params.count}-year period such as "2026-2030" above the tables or in the sheet's name). Give it with --first-year YEAR.`;
    case 'years_conflict':
      return `The summary table starts in ${f.params.stated}, the --first-year option says ${f.params.other}. Make them agree.`;
    case 'unit_unreadable':
      return `Unreadable amount unit in the header "${cut(f.params.text)}". Write for instance "Coût en millions de FCFA" or "Coût en milliers de FCFA", or give the unit with --unit.`;
    case 'unit_conflict':
      return `Amounts here are in ${f.params.unit}, elsewhere in ${f.params.other}: PAC converts nothing. Keep the workbook (and the --unit option) to one unit.`;
    case 'unit_assumed':
      return `No header states the amounts' unit: they are taken in ${f.params.unit}, the default. If they are not, write it in the cost header or give it with --unit.`;
    case 'pillar_name_missing':
      return `Pillar ${f.params.pillar} has no heading above its table: it is named "Pilier ${f.params.pillar}". Add a heading row ("PILIER ${f.params.pillar} : …") if that is not intended.`;
    case 'pillar_code_mismatch':
      return `The heading announces pillar ${f.params.banner}, but the codes below are pillar ${f.params.code}'s. Fix the heading or the codes.`;
    case 'outside_structure': {
      const what = { objective: 'Strategic objective', result: 'Result', activity: 'Activity' }[
        f.params.level
      ];
      const above =
        f.params.level === 'activity' ? 'a result' : f.params.level === 'result' ? 'an OS' : 'a pillar';
      return `${what} "${cut(f.params.text)}" before ${above}: it cannot be placed. Add the missing row above it.`;
    }
    case 'code_depth':
      return `Code ${f.params.code} does not have ${f.params.expected} parts like the other codes of its level in this plan. Fix it (or add the OS rows if the plan has them).`;
    case 'duplicate_code':
      return `${f.params.level === 'objective' ? 'OS' : 'Result'} code ${f.params.code} is already used by another title (${f.params.first}). Give it its own code.`;
    case 'code_fits_two_parents': {
      const parent = { objective: 'pillar', result: 'OS', activity: 'result' }[f.params.level];
      return `Code ${f.params.code} sits under ${parent} ${f.params.under}, but it names ${parent} ${f.params.named}, which exists too: where it belongs cannot be told. Move the row or fix its code.`;
    }
    case 'code_parent_mismatch':
      return `Result code ${f.params.code} does not start with its OS's (${f.params.under}): kept as written; have it confirmed.`;
    case 'activity_without_code':
      return `Activity without a code ("${cut(f.params.title)}"): write its code at the start of the cell.`;
    case 'result_without_activity':
      return `Result ${f.params.result} has no activity.`;
    case 'row_not_read':
      return `Row not read: "${cut(f.params.text)}" is no pillar or OS heading, result, indicators or activity. Move it out of the table if it is a note.`;
    case 'responsible_missing':
      return `Activity ${f.params.activity}: no responsible department. Give the responsible ministry.`;
    case 'responsible_unknown':
      return `Activity ${f.params.activity}: responsible department "${cut(f.params.text)}" is not in the ministry directory. Fix the spelling, or add it to the --ministries file (code, name, spellings separated by |, parent).`;
    case 'cost_unreadable':
      return `Activity ${f.params.activity}: unreadable cost "${cut(f.params.text)}". Write a number, or "PM" for an activity that is not costed.`;
    case 'cost_ambiguous':
      return `Activity ${f.params.activity}: ambiguous cost "${f.params.text}" (${f.params.asThousands} or ${f.params.asDecimal}?). Write it without a dot, or with a decimal comma.`;
    case 'cost_formula':
      return `Activity ${f.params.activity}: the cost is a formula (=${cut(f.params.formula)}). Write the amount itself.`;
    case 'cost_negative':
      return `Activity ${f.params.activity}: negative cost (${f.params.text}). Fix the amount.`;
    case 'mark_unreadable':
      return `Activity ${f.params.activity}: the mark for ${f.params.year} is "${cut(f.params.text)}". Write X for an execution year, or leave the cell empty.`;
    case 'no_execution_year':
      return `Activity ${f.params.activity}: no execution year marked (X). Have them confirmed by the responsible ministry.`;
    case 'summary_twice':
      return `A second summary table in the workbook (the first is at ${f.params.first}): keep only one.`;
    case 'summary_pillar_unknown':
      return `Summary table: pillar "${cut(f.params.text)}" matches no pillar of the detail. Write its name as above its table, or "Pilier N".`;
    case 'summary_ministry_unknown':
      return `Summary table: ministry "${cut(f.params.text)}" is not in the ministry directory (or names several ministries). Fix the spelling, or add it to the --ministries file.`;
    case 'summary_amount_unreadable':
      return `Summary table: unreadable amount "${cut(f.params.text)}". Write a number.`;
    case 'summary_formula_unknown':
      return `Summary table: PAC cannot work out the formula =${cut(f.params.formula)}. Replace it with a SUM or with its value.`;
    case 'summary_total_missing':
      return 'Summary table without a TOTAL row: add it at the end of the table.';
    case 'summary_years_differ':
      return `The summary table has the years ${f.params.summary}, the detail has ${f.params.detail} AN column(s): there must be as many years, following each other.`;
    case 'summary_subtotal_skipped':
      return `Subtotal row "${cut(f.params.text)}" of the summary table: not read (the checks redo the totals).`;
    case 'directory_row_unreadable':
      return f.params.reason === 'code'
        ? `Ministries file: invalid code "${cut(f.params.text)}" (letters, digits, ".", "-" or "_", no space).`
        : `Ministries file: the new code ${f.params.text} has no name. Write the ministry's full name in the second column.`;
    case 'directory_spelling_conflict':
      return `Ministries file: the spelling "${f.params.spelling}" is given to ${f.params.code}, but it already names ${f.params.other}. A spelling can name one ministry only.`;
    case 'directory_parent_unknown':
      return `Ministries file: the parent "${f.params.parent}" of ${f.params.code} is not a known code.`;
    case 'directory_joint_unknown':
      return `Ministries file: the joint responsibility ${f.params.code} names "${f.params.part}", which is not a known code.`;
  }
  return f satisfies never;
}

export function importMessage(f: ImportFinding, lang: Lang): string {
  return lang === 'fr' ? fr(f) : en(f);
}
