/**
 * French wording, the working language: one sentence or two per code saying what is wrong, about
 * which activity or table, and what to do. The cell is shown beside the message, not in it.
 * One exhaustive switch: a new code does not compile until it has its wording.
 */
import type { Finding } from '../findings.ts';
import { DEFAULT_PLAN_WORDS, envelopeInSentence, type PlanWords } from '../plan-words.ts';
import {
  activityName,
  amount,
  amountWithUnit,
  fieldInWords,
  fieldName,
  fieldPhrase,
  percent,
  plural,
  shorten,
  signedAmount,
  tolerance,
} from './format.ts';

const a = (code: string) => `Activité ${activityName(code, 'fr')}`;
const n = (value: number | string | null | undefined) => amount(value, 'fr');
/** What a total cell says: « indique 1 500 » or « est vide ». */
const says = (value: number | string | null | undefined) =>
  value === null || value === undefined ? 'est vide' : `indique ${n(value)}`;

const LEVELS: Record<string, string> = {
  result: 'du résultat',
  objective: "de l'objectif stratégique",
  pillar: 'du pilier',
  ministry: 'du ministère',
};

/**
 * The finding in French, with the plan's unit, code shape, year marks and summary table
 * (DEFAULT_PLAN_WORDS when the caller has no plan at hand).
 */
export function messageFr(f: Finding, words: PlanWords = DEFAULT_PLAN_WORDS): string {
  const U = words.unit.fr.many;
  const nu = (value: number | string | null | undefined) => amountWithUnit(value, 'fr', words.unit);
  const tol = (decimal: string) => tolerance(decimal, 'fr', words.unit);
  switch (f.code) {
    // Reading cells
    case 'unreadable_number':
      return `Montant illisible : « ${f.params.text} » n'est pas un nombre. Saisissez un montant en ${U} (par exemple 1 500 ou 1 500,5), « PM » pour une activité non chiffrée, ou laissez la cellule vide.`;
    case 'ambiguous_number':
      return `Montant ambigu : « ${f.params.text} » peut se lire ${n(f.params.asThousands)} ou ${nu(f.params.asDecimal)}, et saisi ainsi c'est du texte, que les totaux de la feuille ne comptent pas. Ressaisissez-le en nombre, sans point ni virgule entre les milliers, avec une virgule pour les décimales (par exemple 1500,5).`;
    case 'amount_as_text':
      return `Montant saisi comme du texte (« ${f.params.text} ») : les totaux de la feuille (total de la ligne, sous-totaux, Synthèse) ne le comptent pas, alors qu'il se lit ${nu(f.params.value)}. Convertissez-le en nombre : bouton « Convertir en nombre » de PAC, ou ressaisissez-le sans apostrophe ni espace entre les milliers.`;
    case 'pm_in_costed_amount':
      return `${a(f.params.activity)} : « PM » dans un montant d'une ligne « Chiffré » ; les totaux de la feuille le comptent pour rien. Saisissez le montant, ou choisissez la nature « PM » si l'activité n'est pas chiffrée (et laissez alors ses montants vides).`;
    case 'error_value':
      return `La cellule affiche l'erreur ${f.params.value} au lieu d'un montant : le total de la ligne, les sous-totaux et la Synthèse affichent aussi une erreur. Saisissez le montant, ou videz la cellule.`;
    case 'formula_in_input':
      return f.params.value === null
        ? `Cette cellule contient une formule (« =${shorten(f.params.formula)} ») là où l'on saisit une valeur : la feuille compte ce qu'elle calcule, qui peut changer sans que personne le voie, et PAC ne la lit pas. Remplacez-la par la valeur voulue (Copier, puis Collage spécial › Valeurs).`
        : `Cette cellule contient une formule (« =${shorten(f.params.formula)} ») là où l'on saisit un montant : la feuille compte son résultat (${nu(f.params.value)}), mais un montant transmis doit être saisi. Remplacez-la par sa valeur : bouton « Convertir en nombre » de PAC, ou Copier puis Collage spécial › Valeurs.`;
    case 'rows_reordered':
      return `Les lignes de la feuille ont été triées ou déplacées : l'activité ${f.params.activity} ${f.params.under === '' ? "n'est plus sous le sous-total de son résultat" : `est maintenant sous « ${f.params.under} »`}${f.params.count > 1 ? ` (${plural(f.params.count, 'activité', 'activités')} hors de leur résultat)` : ''}. Les sous-totaux imprimés ne regroupent donc plus les bonnes activités. Annulez le tri (Ctrl+Z), ou cliquez « Mettre à jour » dans PAC pour remettre les lignes dans l'ordre du plan sans perdre les montants.`;
    case 'unreadable_mark':
      return `Marque d'exécution illisible : « ${f.params.text} ». Mettez « X » dans les années où l'activité est exécutée, ou laissez la cellule vide.`;
    case 'unreadable_nature':
      return `Nature illisible : « ${f.params.text} ». Choisissez « Chiffré » ou « PM » dans la liste.`;
    case 'unknown_year':
      return `${a(f.params.activity)} : ${f.params.year} n'est pas une année du plan ; la valeur est ignorée. Reportez-la sur une année du plan ou retirez-la.`;
    case 'entry_header_missing':
      return `Ligne d'en-tête introuvable : aucune cellule « Code » en colonne A parmi les premières lignes. Utilisez la feuille « Saisie » du modèle PAC sans supprimer sa ligne d'en-tête.`;
    case 'entry_column_mismatch':
      return `Cette colonne devrait s'intituler « ${f.params.expected.fr} » mais porte « ${f.params.actual} » : des colonnes ont été déplacées ou renommées. Rétablissez les colonnes du modèle avant d'envoyer.`;
    case 'formula_modified':
      return `La formule du modèle (=${shorten(f.params.template)}) a été remplacée par « =${shorten(f.params.formula)} » : ce que la feuille imprime ici n'est plus le total que PAC contrôle. Rétablissez la formule du modèle (copiez-la depuis une ligne voisine, ou cliquez « Mettre à jour » dans PAC).`;
    case 'legacy_row_not_mapped': {
      const p = f.params;
      switch (p.reason) {
        case 'no_code':
          return `Ligne sans code d'activité en tête du texte (« ${shorten(p.title)} ») : elle n'est pas reprise. Ajoutez au début du texte le code de l'activité du plan (par exemple ${words.exampleCode}).`;
        case 'unknown_code':
          return `Le code « ${p.code} » n'est pas une activité du plan : la ligne n'est pas reprise. Corrigez le code (par exemple ${words.exampleCode}).`;
        case 'ambiguous_code':
          return `Le code « ${p.code} » désigne plusieurs activités du plan (${p.related.join(', ')}) et ni le résultat ni l'intitulé ne les départagent : la ligne n'est pas reprise. Utilisez le code du plan.`;
        case 'title_conflict':
          return `Le code « ${p.code} » ne correspond pas à l'intitulé de la ligne, qui est celui de l'activité ${p.related.join(', ')} : la ligne n'est pas reprise. Corrigez le code ou l'intitulé.`;
        case 'duplicate':
          return `L'activité ${p.code} figure déjà plus haut (${p.related.join(', ')}) : cette ligne n'est pas reprise. Gardez une seule ligne par activité.`;
      }
      break;
    }
    // One line
    case 'missing_activity_code':
      return `Ligne sans code d'activité alors qu'elle porte des montants. Saisissez le code de l'activité du plan (par exemple ${words.exampleCode}) ou videz la ligne.`;
    case 'negative_amount':
      return `${a(f.params.activity)} : montant négatif (${nu(f.actual)}) dans ${fieldPhrase(f.params.field, 'fr')}. Les montants prévus sont positifs ou nuls : corrigez le signe.`;
    case 'line_total_mismatch':
      return f.actual === null
        ? `${a(f.params.activity)} : les années totalisent ${nu(f.expected)} mais le total est vide (${tol(f.params.tolerance)}). Complétez le total.`
        : `${a(f.params.activity)} : la somme des années (${nu(f.expected)}) ne correspond pas au total (${n(f.actual)} ; ${tol(f.params.tolerance)}). Corrigez les montants par année ou le total.`;
    case 'funding_split_mismatch':
      return `${a(f.params.activity)} : budget national + extérieur font ${nu(f.expected)}, le total est ${n(f.actual)} (${tol(f.params.tolerance)}). Répartissez exactement le total entre budget national et financement extérieur.`;
    case 'pm_with_amounts':
      return `${a(f.params.activity)} : marquée « PM » (pour mémoire, non chiffrée) mais elle porte des montants (${nu(f.actual)}). Retirez les montants, ou choisissez « Chiffré ».`;
    case 'costed_without_amounts':
      return `${a(f.params.activity)} : marquée « Chiffré » mais aucun montant n'est saisi. Saisissez ses montants par année, ou choisissez « PM » si elle n'est pas chiffrée.`;
    case 'line_not_filled':
      return `${a(f.params.activity)} : ligne à remplir (ni nature ni montant). Saisissez ses montants par année, ou choisissez « PM » si elle n'est pas chiffrée.`;
    case 'amount_outside_execution':
      return `${a(f.params.activity)} : ${nu(f.actual)} prévus en ${f.params.year}, année non cochée dans ses périodes d'exécution. Cochez ${f.params.year} (X) ou reportez le montant sur une année cochée.`;
    case 'execution_without_amount':
      return `${a(f.params.activity)} : ${f.params.year} est cochée comme période d'exécution mais aucun montant n'y est prévu. Saisissez le montant de ${f.params.year} ou décochez l'année.`;
    // The line against the plan
    case 'unknown_activity':
      return `Le code « ${f.params.activity} » n'est pas une activité du plan. Corrigez le code (par exemple ${words.exampleCode}) ; une activité hors plan ne peut pas être chiffrée ici.`;
    case 'activity_not_owned':
      return `${a(f.params.activity)} : elle relève de ${f.params.responsible} selon le plan, pas de ${f.params.ministry}. Retirez cette ligne ; ${f.params.responsible} la chiffre dans son propre retour.`;
    case 'duplicate_line':
      return `${a(f.params.activity)} : déjà saisie en ${f.params.firstCell}. Gardez une seule ligne par activité : reportez-y les montants et supprimez celle-ci.`;
    case 'activity_missing':
      return `${a(f.params.activity)} : activité du plan sous la responsabilité de ${f.params.ministry}, absente du retour. Ajoutez sa ligne, avec ses montants ou « PM ».`;
    // Roll-ups and summary tables
    case 'subtotal_mismatch': {
      const what =
        f.params.level === 'grand'
          ? 'Total général'
          : `Sous-total ${LEVELS[f.params.level] ?? f.params.level} ${f.params.key}`;
      const shown = f.actual === null ? 'est vide' : `indique ${n(f.actual)}`;
      return `${what} (${fieldName(f.params.field, 'fr')}) : ses activités totalisent ${nu(f.expected)}, le sous-total ${shown} (${tol(f.params.tolerance)}). Corrigez le sous-total ou rétablissez sa formule.`;
    }
    case 'summary_row_mismatch':
      return `${f.params.table}, ligne « ${f.params.row} » : la somme des années (${nu(f.expected)}) ne correspond pas au total (${n(f.actual)} ; ${tol(f.params.tolerance)}). Corrigez les montants de la ligne.`;
    case 'summary_split_mismatch':
      return `${f.params.table}, ligne « ${f.params.row} » : budget national + extérieur font ${nu(f.expected)}, le total est ${n(f.actual)} (${tol(f.params.tolerance)}). Corrigez la répartition des financements.`;
    case 'summary_column_mismatch':
      return `${f.params.table}, colonne « ${fieldName(f.params.field, 'fr')} » : ses lignes font ${nu(f.expected)}, la ligne de total ${says(f.actual)} (${tol(f.params.tolerance)}). Corrigez la ligne de total ou les lignes.`;
    case 'summary_total_row_mismatch':
      return `${f.params.table}, ligne de total : ${f.params.parts === 'years' ? 'la somme de ses années' : 'budget national + extérieur'} fait ${nu(f.expected)}, son total ${says(f.actual)} (${tol(f.params.tolerance)}). Corrigez la ligne de total.`;
    case 'summary_detail_mismatch': {
      const p = f.params;
      const scope =
        p.scope === 'pillar'
          ? `pilier ${p.pillar}`
          : p.scope === 'ministry'
            ? p.ministry
            : `pilier ${p.pillar}, ${p.ministry}`;
      const uncosted = [
        ...(p.pmCount > 0
          ? [plural(p.pmCount, 'activité PM non chiffrée', 'activités PM non chiffrées')]
          : []),
        ...(p.blankCount > 0 ? [plural(p.blankCount, 'activité sans coût', 'activités sans coût')] : []),
      ];
      const dont = uncosted.length > 0 ? ` (dont ${uncosted.join(' et ')})` : '';
      const field = p.field === 'total' ? '' : `, ${fieldPhrase(p.field, 'fr')}`;
      return `${p.table}, ${scope}${field} : le détail des activités totalise ${nu(f.expected)}${dont}, le tableau ${says(f.actual)} (${tol(p.tolerance)}). Mettez le tableau et le détail en accord.`;
    }
    case 'envelope_gap': {
      const p = f.params;
      const scope = p.scope === 'pillar' ? `le pilier ${p.key}` : p.key;
      return `Pour ${scope}, le retour totalise ${nu(f.actual)} contre ${n(f.expected)} à l'enveloppe adoptée (${envelopeInSentence(words.envelope, 'fr')}) : écart de ${signedAmount(p.gap, 'fr')} (${percent(p.percent, 'fr')} %). Vérifiez les montants ou justifiez l'écart en commentaire.`;
    }
    // Execution follow-up
    case 'unreadable_state':
      return `État illisible : « ${f.params.text} ». Choisissez dans la liste : Non démarrée, En cours, Achevée ou Abandonnée.`;
    case 'execution_total_mismatch':
      return `${a(f.params.activity)} : ce total (${n(f.actual)}) n'est pas la somme de ses parts (${nu(f.expected)}) : il a été saisi par-dessus la formule. Rétablissez la formule du modèle.`;
    case 'execution_negative':
      return `${a(f.params.activity)} : montant négatif (${nu(f.actual)}) en ${fieldInWords(f.params.field, 'fr')}. Les montants exécutés sont positifs ou nuls : corrigez le signe.`;
    case 'disbursed_over_committed':
      return `${a(f.params.activity)} : le décaissé (${nu(f.actual)}) dépasse l'engagé (${n(f.expected)})${f.params.source === 'total' ? '' : f.params.source === 'national' ? ' sur le budget national' : ' sur financement extérieur'}. On ne décaisse que ce qui est engagé : corrigez l'un ou l'autre.`;
    case 'committed_over_planned':
      return `${a(f.params.activity)} : l'engagé (${nu(f.actual)}) dépasse de ${percent(f.params.percent, 'fr')} % le prévu de l'année (${n(f.expected)}), au-delà du seuil de ${f.params.threshold.replace('.', ',')} % fixé pour le plan. Vérifiez le montant ou expliquez l'écart en commentaire.`;
    case 'execution_not_planned':
      return `${a(f.params.activity)} : des montants sont engagés ou décaissés alors que rien n'était prévu pour l'année (ou l'activité est PM). Vérifiez l'activité, ou expliquez en commentaire.`;
    case 'execution_on_withdrawn':
      return `${a(f.params.activity)} : cette activité a été retirée du plan ; aucune exécution ne peut y être rapportée. Rapportez ces montants sur l'activité du plan qui la remplace.`;
    case 'execution_state_mismatch':
      return f.params.state === 'not_started'
        ? `${a(f.params.activity)} : marquée « Non démarrée » alors que des montants sont décaissés. Corrigez l'état ou les montants.`
        : `${a(f.params.activity)} : marquée « ${f.params.state === 'done' ? 'Achevée' : f.params.state === 'ongoing' ? 'En cours' : 'Abandonnée'} » sans aucun montant engagé ni décaissé. Saisissez les montants, ou expliquez en commentaire.`;
    case 'unknown_indicator':
      return `Le résultat ${f.params.result} n'a pas d'indicateur n° ${f.params.indicator} dans le plan : la valeur n'est pas reprise. Utilisez la feuille « Indicateurs » du modèle.`;
    // The plan document itself
    case 'duplicate_activity_code':
      return `Le code d'activité ${f.params.code} est imprimé deux fois dans le document (aussi ligne ${f.params.firstLine}) ; le plan canonique renumérote cette activité ${f.params.correctedTo}. Faites valider cette numérotation.`;
    case 'activity_code_prefix_mismatch':
      return `Le code d'activité ${f.params.code} ne commence pas par celui de son résultat (${f.params.result}) : erreur de numérotation du document. Le code est gardé tel quel ; faites-le confirmer.`;
    case 'result_without_code':
      return `Résultat imprimé sans code (« ${shorten(f.params.result)} ») : le plan canonique lui attribue le code ${f.params.inferred}. Faites confirmer ce code.`;
    case 'execution_years_missing':
      return `${a(f.params.activity)} : ses périodes d'exécution (${words.marks.fr[0]}–${words.marks.fr[1]}) ne sont pas imprimées dans le document ; les années sont laissées vides. Faites-les confirmer par le ministère responsable.`;
    default: {
      const unhandled: never = f;
      return String((unhandled as Finding).code);
    }
  }
}
