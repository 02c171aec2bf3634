/**
 * Wording of the legacy import, in French and English: one sentence per row saying what became of
 * it (imported as what, with its cost split how — or why not), and the comment written into the
 * template's "Commentaire" cell so the ministry sees the rule where it types.
 */
import type { Lang } from '../layout.ts';
import { formatMoney, MILLION, type Money } from '../money.ts';
import { DEFAULT_PLAN_WORDS, type PlanWords, unitAfter } from '../plan-words.ts';
import type { CostOutcome, LegacyLine, LegacyNote, SkipReason } from './map-legacy.ts';

/** "1 500 millions FCFA", "0,5 million FCFA": in the plan's unit. */
function money(value: Money, lang: Lang, words: PlanWords): string {
  return `${formatMoney(value, lang)} ${unitAfter(words.unit, lang, value > -2n * MILLION && value < 2n * MILLION)}`;
}

function list(items: readonly (string | number)[], lang: Lang): string {
  const s = items.map(String);
  if (s.length <= 1) return s.join('');
  return `${s.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${s[s.length - 1]}`;
}

function costFr(c: CostOutcome, words: PlanWords): string {
  const marks = `${words.marks.fr[0]}–${words.marks.fr[1]}`;
  switch (c.kind) {
    case 'split': {
      const spread =
        c.years.length === 1
          ? `porté sur ${c.years[0]}`
          : `réparti à parts égales sur ${list(c.years, 'fr')}`;
      const per =
        c.years.length === 1
          ? ''
          : c.each === c.last
            ? ` (${formatMoney(c.each, 'fr')} par an)`
            : ` (${formatMoney(c.each, 'fr')} par an, ${formatMoney(c.last, 'fr')} en ${c.years[c.years.length - 1]} pour que la somme soit exacte)`;
      return `coût ${money(c.cost, 'fr', words)} ${spread}${per}`;
    }
    case 'no_years':
      return `coût ${money(c.cost, 'fr', words)} non réparti : aucune année d'exécution cochée (${marks}) ; cochez les années et répartissez le coût`;
    case 'pm':
      return 'PM (pour mémoire, non chiffrée)';
    case 'blank':
      return 'coût absent du tableau : ligne à compléter';
    case 'unreadable':
      return `coût illisible « ${c.text} » : à saisir dans le modèle`;
    case 'ambiguous':
      return `coût ambigu « ${c.text} » (${formatMoney(c.asThousands, 'fr')} ou ${formatMoney(c.asDecimal, 'fr')}) : à saisir dans le modèle`;
    case 'formula':
      return `coût donné par une formule (=${c.formula}), dont PAC ne lit pas le résultat : saisissez la valeur dans le modèle`;
  }
}

function costEn(c: CostOutcome, words: PlanWords): string {
  // The table's own headings, which the document prints in French.
  const marks = `${words.marks.fr[0]}–${words.marks.fr[1]}`;
  switch (c.kind) {
    case 'split': {
      const spread =
        c.years.length === 1 ? `put on ${c.years[0]}` : `split evenly over ${list(c.years, 'en')}`;
      const per =
        c.years.length === 1
          ? ''
          : c.each === c.last
            ? ` (${formatMoney(c.each, 'en')} a year)`
            : ` (${formatMoney(c.each, 'en')} a year, ${formatMoney(c.last, 'en')} in ${c.years[c.years.length - 1]} so that the sum is exact)`;
      return `cost ${money(c.cost, 'en', words)} ${spread}${per}`;
    }
    case 'no_years':
      return `cost ${money(c.cost, 'en', words)} not split: no execution year marked (${marks}); mark the years and split the cost`;
    case 'pm':
      return 'PM (pour mémoire, not costed)';
    case 'blank':
      return 'no cost in the table: line to complete';
    case 'unreadable':
      return `unreadable cost "${c.text}": to enter in the template`;
    case 'ambiguous':
      return `ambiguous cost "${c.text}" (${formatMoney(c.asThousands, 'en')} or ${formatMoney(c.asDecimal, 'en')}): to enter in the template`;
    case 'formula':
      return `cost given by a formula (=${c.formula}), whose result PAC does not read: enter the value in the template`;
  }
}

function noteText(n: LegacyNote, line: LegacyLine, lang: Lang): string {
  const code = line.source.codeAsRead ?? '';
  const activity = line.activity?.code ?? '';
  switch (n.code) {
    case 'renumbered':
      return lang === 'fr'
        ? `Code imprimé ${code} : c'est l'activité ${activity} du plan${n.result ? ` (résultat ${n.result})` : ''}.`
        : `Printed code ${code}: it is activity ${activity} of the plan${n.result ? ` (result ${n.result})` : ''}.`;
    case 'title_mismatch':
      return lang === 'fr'
        ? `Intitulé différent de celui du plan (« ${short(n.planTitle)} ») : vérifiez le code.`
        : `Title differs from the plan's ("${short(n.planTitle)}"): check the code.`;
    case 'mark_unreadable':
      return lang === 'fr'
        ? `Marque illisible « ${n.text} » en ${n.year} : ignorée (mettez X ou rien).`
        : `Unreadable mark "${n.text}" in ${n.year}: ignored (put X or nothing).`;
  }
}

function skipText(s: SkipReason, line: LegacyLine, lang: Lang): string {
  const code = line.source.code ?? '';
  const fr = lang === 'fr';
  switch (s.code) {
    case 'no_code':
      return fr
        ? `pas de code d'activité en tête du texte (« ${short(line.source.title)} »)`
        : `no activity code at the start of the text ("${short(line.source.title)}")`;
    case 'unknown_code':
      return fr
        ? `le code ${code} n'est pas une activité du plan`
        : `code ${code} is not an activity of the plan`;
    case 'ambiguous_code':
      return fr
        ? `le code ${code} désigne plusieurs activités du plan (${list(s.candidates, 'fr')}) et ni le résultat ni l'intitulé ne les départagent`
        : `code ${code} names several activities of the plan (${list(s.candidates, 'en')}) and neither the result nor the title tells them apart`;
    case 'title_conflict':
      return fr
        ? `le code ${code} ne correspond pas à l'intitulé, qui est celui de l'activité ${s.other} : corrigez le code ou l'intitulé`
        : `code ${code} does not match the title, which is activity ${s.other}'s: correct the code or the title`;
    case 'not_ministry':
      return fr
        ? `l'activité ${line.activity?.code ?? code} relève de ${s.responsible}, pas de ${s.ministry}`
        : `activity ${line.activity?.code ?? code} belongs to ${s.responsible}, not ${s.ministry}`;
    case 'duplicate':
      return fr
        ? `activité déjà importée depuis ${s.sheet}, ligne ${s.row}`
        : `activity already imported from ${s.sheet}, row ${s.row}`;
  }
}

function short(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * "Feuil1!B12 (2.1.1. 1.) → 2.1.1.1 : coût … ." or "… : non importée — raison." Amounts in the
 * plan's unit (`words`, planWords(plan); millions of FCFA without it).
 */
export function describeLine(line: LegacyLine, lang: Lang, words: PlanWords = DEFAULT_PLAN_WORDS): string {
  const src = line.source;
  const place = `${src.sheet}!${src.activityCell}`;
  const asRead = src.codeAsRead ? ` (${src.codeAsRead})` : '';
  if (line.skipped) {
    const why = skipText(line.skipped, line, lang);
    return lang === 'fr'
      ? `${place}${asRead} : non importée — ${why}.`
      : `${place}${asRead}: not imported — ${why}.`;
  }
  const what = lang === 'fr' ? costFr(line.cost, words) : costEn(line.cost, words);
  const notes = line.notes.map((n) => ` ${noteText(n, line, lang)}`).join('');
  return `${place}${asRead} → ${line.activity?.code ?? ''}${lang === 'fr' ? ' :' : ':'} ${what}.${notes}`;
}

/** The comment written into the template for an imported line; null when there is nothing to say (PM). */
export function importComment(
  line: LegacyLine,
  lang: Lang,
  words: PlanWords = DEFAULT_PLAN_WORDS,
): string | null {
  if (line.cost.kind === 'pm') return null;
  const what = lang === 'fr' ? costFr(line.cost, words) : costEn(line.cost, words);
  const rule =
    line.cost.kind === 'split' && line.cost.years.length > 1
      ? lang === 'fr'
        ? ' Répartition automatique, à ajuster par année.'
        : ' Automatic split, to adjust year by year.'
      : '';
  return lang === 'fr'
    ? `Importé du tableau au format du plan : ${what}.${rule}`
    : `Imported from the table in the plan's layout: ${what}.${rule}`;
}
