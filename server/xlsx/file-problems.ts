/**
 * Why a file cannot be used at all — not an .xlsx, corrupt, protected, unsafe, made from another
 * template or plan version — as data: a code, its params and, where it helps, the sheet and cell.
 * Findings (addin/core) say what is wrong *in* a return; a problem says the return cannot be read.
 * Wording lives apart, one exhaustive switch per language, each message saying what to do; the
 * CLI prints it and the service hands it to its error catalogue (`unusable_file`, or 409 for an
 * older plan version).
 */
import type { Lang } from '#core';

/** What a file that is not an .xlsx looks like, when its first bytes tell. */
export type LooksLike =
  | 'pdf'
  | 'csv'
  | 'text'
  | 'html'
  | 'xml2003'
  | 'ods'
  | 'docx'
  | 'pptx'
  | 'zip'
  | 'doc'
  | 'ole'
  | 'image'
  | 'unknown';

export type CorruptReason =
  | 'truncated'
  | 'directory'
  | 'entry'
  | 'crc'
  | 'size_mismatch'
  | 'method'
  | 'duplicate_entry'
  | 'not_workbook';

export type BombReason = 'total' | 'ratio' | 'entries' | 'cells' | 'merges';

export interface ProblemWhere {
  sheet: string;
  cell?: string;
}

export interface ProblemParamsByCode {
  file_too_large: { size: number; limit: number };
  file_empty: Record<string, never>;
  not_xlsx: { looksLike: LooksLike };
  /** An encrypted OOXML package (CFB holding EncryptionInfo) or a zip whose entries are encrypted. */
  password_protected: Record<string, never>;
  /** A CFB file holding a Workbook/Book stream: Excel 97–2003. */
  old_xls: Record<string, never>;
  corrupt_zip: { reason: CorruptReason; entry?: string };
  zip_bomb: { reason: BombReason; limit: number; actual: number; entry?: string };
  unsafe_xml: { entry: string };
  external_links: { target?: string };
  dangerous_formula: { function: string; formula: string };
  /** Text that would run as a formula (DDE payload, =HYPERLINK…) once pasted or exported. */
  formula_injection: { text: string };
  unreadable_workbook: { detail: string };
  // The workbook opened, but it is not something PAC can check.
  not_a_return: Record<string, never>;
  /** A PAC entry sheet without the hidden metadata sheet: copied into another workbook. */
  template_meta_missing: { sheet: string };
  other_template: { templateId: string };
  template_version: { made: string; current: string };
  other_plan: { planId: string; current: string };
  plan_version: { made: string; current: string };
  unknown_ministry: { ministry: string };
  entry_sheet_missing: { sheet: string };
  legacy_table_missing: Record<string, never>;
}

export type ProblemCode = keyof ProblemParamsByCode;

export type FileProblem = {
  [C in ProblemCode]: { code: C; params: ProblemParamsByCode[C]; where?: ProblemWhere };
}[ProblemCode];

export function problem<C extends ProblemCode>(
  code: C,
  params: ProblemParamsByCode[C],
  where?: ProblemWhere,
): FileProblem {
  return (where ? { code, params, where } : { code, params }) as FileProblem;
}

/** Thrown inside the opening steps and caught at their edge: a problem, never a crash. */
export class ProblemError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.code);
    this.name = 'ProblemError';
  }
}

/** "10 Mo" / "10 MB", one decimal under 10. */
export function formatSize(bytes: number, lang: Lang): string {
  const unit = lang === 'fr' ? ['octets', 'Ko', 'Mo', 'Go'] : ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < unit.length - 1) {
    value /= 1024;
    i++;
  }
  const shown = i === 0 || value >= 10 ? String(Math.round(value)) : value.toFixed(1);
  return `${lang === 'fr' ? shown.replace('.', ',') : shown} ${unit[i]}`;
}

/** "Saisie!H12", or the sheet alone. */
export function problemPlace(where: ProblemWhere | undefined): string | null {
  if (!where) return null;
  return where.cell ? `${where.sheet}!${where.cell}` : where.sheet;
}

const LOOKS_FR: Record<LooksLike, string> = {
  pdf: 'un document PDF',
  csv: 'un fichier CSV (texte séparé par des virgules ou des points-virgules)',
  text: 'un fichier texte',
  html: 'une page web (HTML), comme en produisent certains exports « Excel »',
  xml2003: 'un classeur XML 2003',
  ods: 'un classeur OpenDocument (.ods, LibreOffice)',
  docx: 'un document Word (.docx)',
  pptx: 'une présentation PowerPoint (.pptx)',
  zip: 'une archive .zip',
  doc: 'un document Word ancien format (.doc)',
  ole: 'un fichier Office ancien format',
  image: 'une image',
  unknown: 'un fichier de type inconnu',
};

const LOOKS_EN: Record<LooksLike, string> = {
  pdf: 'a PDF document',
  csv: 'a CSV file (text separated by commas or semicolons)',
  text: 'a text file',
  html: 'a web page (HTML), as some "Excel" exports produce',
  xml2003: 'an XML 2003 spreadsheet',
  ods: 'an OpenDocument spreadsheet (.ods, LibreOffice)',
  docx: 'a Word document (.docx)',
  pptx: 'a PowerPoint presentation (.pptx)',
  zip: 'a .zip archive',
  doc: 'an old-format Word document (.doc)',
  ole: 'an old-format Office file',
  image: 'an image',
  unknown: 'a file of unknown type',
};

const SAVE_AS_FR =
  'Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) », puis renvoyez-le.';
const SAVE_AS_EN = 'Open it in Excel, save it as "Excel Workbook (.xlsx)" and send it again.';

const CORRUPT_FR: Record<CorruptReason, string> = {
  truncated: 'il est tronqué (envoi ou téléchargement interrompu ?)',
  directory: 'son sommaire interne (répertoire zip) est illisible',
  entry: 'une de ses parties est illisible',
  crc: "le contrôle d'intégrité d'une de ses parties échoue",
  size_mismatch: "une de ses parties n'a pas la taille annoncée",
  method: 'une de ses parties est compressée selon une méthode inconnue',
  duplicate_entry: 'il contient deux fois la même partie',
  not_workbook: 'il lui manque la partie « classeur » (xl/workbook.xml)',
};

const CORRUPT_EN: Record<CorruptReason, string> = {
  truncated: 'it is truncated (an interrupted upload or download?)',
  directory: 'its internal table of contents (zip directory) cannot be read',
  entry: 'one of its parts cannot be read',
  crc: 'the integrity check of one of its parts fails',
  size_mismatch: 'one of its parts does not have the size it announces',
  method: 'one of its parts uses an unknown compression method',
  duplicate_entry: 'it holds the same part twice',
  not_workbook: 'its workbook part (xl/workbook.xml) is missing',
};

function at(p: FileProblem, lang: Lang): string {
  const place = problemPlace(p.where);
  if (!place) return '';
  return lang === 'fr' ? ` (cellule ${place})` : ` (cell ${place})`;
}

function quote(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The zip_bomb wording, by what gave the file away. */
function bombFr(p: ProblemParamsByCode['zip_bomb']): string {
  switch (p.reason) {
    case 'total':
      return `Le fichier se décompresse en ${formatSize(p.actual, 'fr')}, au-delà de la limite de ${formatSize(p.limit, 'fr')} : refusé par sécurité. Un retour de ministère est bien plus petit : renvoyez le modèle PAC sans feuilles ni images ajoutées.`;
    case 'ratio':
      return `Une partie du fichier (« ${quote(p.entry ?? '')} ») se décompresse ${p.actual} fois plus grosse que sa taille compressée (limite ${p.limit}) : refusé par sécurité (« bombe zip »). Renvoyez le classeur enregistré depuis Excel.`;
    case 'entries':
      return `Le fichier contient ${p.actual} parties internes (limite ${p.limit}) : refusé par sécurité. Renvoyez le classeur enregistré depuis Excel, sans objets ajoutés.`;
    case 'merges':
      return `La feuille « ${quote(p.entry ?? '')} » contient plus de ${p.limit} fusions de cellules : refusé, sa lecture ne finirait pas. Défusionnez les cellules inutiles (Accueil › Fusionner et centrer › Annuler la fusion), enregistrez et renvoyez.`;
    case 'cells':
      return `Une plage du fichier${p.entry ? ` (${quote(p.entry)})` : ''} couvre ${p.actual} cellules (limite ${p.limit}) : fusion ou validation étendue à des lignes ou colonnes entières. Réduisez-la aux cellules utiles, enregistrez et renvoyez.`;
  }
}

function bombEn(p: ProblemParamsByCode['zip_bomb']): string {
  switch (p.reason) {
    case 'total':
      return `The file unpacks to ${formatSize(p.actual, 'en')}, beyond the ${formatSize(p.limit, 'en')} limit: refused for safety. A ministry's return is much smaller: send the PAC template without added sheets or pictures.`;
    case 'ratio':
      return `A part of the file ("${quote(p.entry ?? '')}") unpacks ${p.actual} times larger than its compressed size (limit ${p.limit}): refused for safety ("zip bomb"). Send the workbook as saved by Excel.`;
    case 'entries':
      return `The file holds ${p.actual} internal parts (limit ${p.limit}): refused for safety. Send the workbook as saved by Excel, without added objects.`;
    case 'merges':
      return `Sheet "${quote(p.entry ?? '')}" holds more than ${p.limit} merged ranges: refused, reading it would not end. Unmerge the cells that need not be merged (Home › Merge & Center › Unmerge), save and send again.`;
    case 'cells':
      return `A range of the file${p.entry ? ` (${quote(p.entry)})` : ''} covers ${p.actual} cells (limit ${p.limit}): a merge or validation stretched over whole rows or columns. Reduce it to the cells in use, save and send again.`;
  }
}

export function problemMessageFr(p: FileProblem): string {
  switch (p.code) {
    case 'file_too_large':
      return `Fichier trop volumineux (${formatSize(p.params.size, 'fr')}) : la limite est de ${formatSize(p.params.limit, 'fr')}. Un retour de ministère pèse bien moins : envoyez le modèle PAC de votre ministère, sans images ni feuilles ajoutées.`;
    case 'file_empty':
      return 'Le fichier est vide (0 octet). Vérifiez la pièce jointe et renvoyez le classeur enregistré.';
    case 'not_xlsx':
      return `Ce fichier n'est pas un fichier .xlsx : il ressemble à ${LOOKS_FR[p.params.looksLike]}. ${SAVE_AS_FR}`;
    case 'password_protected':
      return 'Le fichier est protégé par un mot de passe (classeur chiffré) : PAC ne peut pas le lire. Dans Excel, retirez le mot de passe (Fichier › Informations › Protéger le classeur › Chiffrer avec mot de passe : videz le champ), enregistrez et renvoyez.';
    case 'old_xls':
      return `Le fichier est au format Excel 97-2003 (.xls), que PAC ne lit pas. ${SAVE_AS_FR}`;
    case 'corrupt_zip':
      return `Le fichier .xlsx est endommagé : ${CORRUPT_FR[p.params.reason]}${p.params.entry ? ` (« ${quote(p.params.entry)} »)` : ''}. Rouvrez-le dans Excel (qui propose de le réparer), enregistrez-le et renvoyez-le.`;
    case 'zip_bomb':
      return bombFr(p.params);
    case 'unsafe_xml':
      return `Une partie du fichier (« ${quote(p.params.entry)} ») contient une déclaration DOCTYPE, qu'Excel ne produit jamais : refusé par sécurité. Réenregistrez le classeur depuis Excel et renvoyez-le.`;
    case 'external_links':
      return `Le fichier contient des formules liées à d'autres fichiers${at(p, 'fr')}${p.params.target ? ` (« ${quote(p.params.target)} »)` : ''} : leurs valeurs ne voyagent pas avec le fichier. Copiez les cellules concernées puis collez-les en valeurs (Collage spécial › Valeurs), supprimez les liaisons (Données › Modifier les liens) et renvoyez.`;
    case 'dangerous_formula':
      return `La formule « =${quote(p.params.formula)} »${at(p, 'fr')} utilise ${p.params.function}, qui peut ouvrir un lien ou lancer un programme : refusé par sécurité. Remplacez-la par sa valeur (Collage spécial › Valeurs) et renvoyez.`;
    case 'formula_injection':
      return `La cellule ${problemPlace(p.where) ?? ''} contient « ${quote(p.params.text)} », un texte qui deviendrait une formule dangereuse (commande DDE, lien) s'il était collé ou exporté vers un tableur : refusé par sécurité. Corrigez ou videz cette cellule et renvoyez.`;
    case 'unreadable_workbook':
      return `Le classeur ne peut pas être lu (${quote(p.params.detail, 120)}). Rouvrez-le dans Excel, enregistrez-le au format .xlsx et renvoyez-le.`;
    case 'not_a_return':
      return "Ce classeur n'est ni un modèle PAC (feuille cachée « PAC_meta » absente) ni un tableau au format du plan d'action (en-tête Résultats | Indicateurs | Activités | … | Coût | AN I–AN V introuvable). Téléchargez le modèle de votre ministère (pac template) ou convertissez votre tableau avec « pac import-legacy ».";
    case 'template_meta_missing':
      return `Ce classeur contient une feuille « ${p.params.sheet} » du modèle PAC mais pas sa feuille cachée d'identification (PAC_meta) : elle a sans doute été copiée dans un autre classeur. Envoyez le fichier du modèle lui-même, rempli, sans copier ses feuilles ailleurs.`;
    case 'other_template':
      return `Ce fichier a été fait à partir d'un autre modèle (« ${quote(p.params.templateId)} »), pas du modèle de retour PAC. Reportez vos montants dans le modèle PAC de votre ministère et renvoyez celui-ci.`;
    case 'template_version':
      return `Ce fichier a été fait avec la version ${p.params.made} du modèle PAC ; la version actuelle est ${p.params.current}. Téléchargez le nouveau modèle, reportez-y vos montants et renvoyez-le.`;
    case 'other_plan':
      return `Ce fichier a été fait pour le plan « ${quote(p.params.planId)} », pas pour le plan en vigueur « ${quote(p.params.current)} ». Téléchargez le modèle du plan en vigueur et reportez-y vos montants.`;
    case 'plan_version':
      return `Ce fichier a été fait sur la version ${p.params.made} du plan ; la version en vigueur est ${p.params.current}. Téléchargez le modèle à jour (ou utilisez « Mettre à jour » dans le complément), reportez-y vos montants et renvoyez.`;
    case 'unknown_ministry':
      return `Le modèle indique le ministère « ${quote(p.params.ministry)} », inconnu du plan ou sans activité. Téléchargez le modèle de votre ministère et reportez-y vos montants.`;
    case 'entry_sheet_missing':
      return `La feuille « ${p.params.sheet} » du modèle est introuvable (renommée ou supprimée ?). Rétablissez-la sous ce nom, ou repartez du modèle PAC de votre ministère.`;
    case 'legacy_table_missing':
      return "Aucun tableau au format du plan d'action n'a été trouvé : il faut une ligne d'en-tête avec au moins « Activités », « Coût » et les colonnes AN I à AN V (et de préférence « Résultats », « Département responsable »). Vérifiez que le classeur contient bien ce tableau.";
  }
  return p satisfies never;
}

export function problemMessageEn(p: FileProblem): string {
  switch (p.code) {
    case 'file_too_large':
      return `File too large (${formatSize(p.params.size, 'en')}): the limit is ${formatSize(p.params.limit, 'en')}. A ministry's return is much smaller: send your ministry's PAC template, without added pictures or sheets.`;
    case 'file_empty':
      return 'The file is empty (0 bytes). Check the attachment and send the saved workbook again.';
    case 'not_xlsx':
      return `This file is not an .xlsx file: it looks like ${LOOKS_EN[p.params.looksLike]}. ${SAVE_AS_EN}`;
    case 'password_protected':
      return 'The file is protected by a password (encrypted workbook): PAC cannot read it. In Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password: clear the field), save and send again.';
    case 'old_xls':
      return `The file is in the Excel 97-2003 format (.xls), which PAC does not read. ${SAVE_AS_EN}`;
    case 'corrupt_zip':
      return `The .xlsx file is damaged: ${CORRUPT_EN[p.params.reason]}${p.params.entry ? ` ("${quote(p.params.entry)}")` : ''}. Open it again in Excel (which offers to repair it), save it and send it again.`;
    case 'zip_bomb':
      return bombEn(p.params);
    case 'unsafe_xml':
      return `A part of the file ("${quote(p.params.entry)}") holds a DOCTYPE declaration, which Excel never writes: refused for safety. Save the workbook again from Excel and send it.`;
    case 'external_links':
      return `The file holds formulas linked to other files${at(p, 'en')}${p.params.target ? ` ("${quote(p.params.target)}")` : ''}: their values do not travel with the file. Copy the cells concerned and paste them as values (Paste Special › Values), remove the links (Data › Edit Links) and send again.`;
    case 'dangerous_formula':
      return `The formula "=${quote(p.params.formula)}"${at(p, 'en')} uses ${p.params.function}, which can open a link or start a program: refused for safety. Replace it with its value (Paste Special › Values) and send again.`;
    case 'formula_injection':
      return `Cell ${problemPlace(p.where) ?? ''} holds "${quote(p.params.text)}", text that would become a dangerous formula (DDE command, link) if pasted or exported to a spreadsheet: refused for safety. Correct or clear that cell and send again.`;
    case 'unreadable_workbook':
      return `The workbook cannot be read (${quote(p.params.detail, 120)}). Open it again in Excel, save it as .xlsx and send it again.`;
    case 'not_a_return':
      return 'This workbook is neither a PAC template (hidden "PAC_meta" sheet missing) nor a table in the action plan\'s layout (no Résultats | Indicateurs | Activités | … | Coût | AN I–AN V header). Download your ministry\'s template (pac template) or convert your table with "pac import-legacy".';
    case 'template_meta_missing':
      return `This workbook holds a PAC template "${p.params.sheet}" sheet but not its hidden identification sheet (PAC_meta): it was probably copied into another workbook. Send the template file itself, filled in, without copying its sheets elsewhere.`;
    case 'other_template':
      return `This file was made from another template ("${quote(p.params.templateId)}"), not from the PAC return template. Copy your amounts into your ministry's PAC template and send that.`;
    case 'template_version':
      return `This file was made with version ${p.params.made} of the PAC template; the current version is ${p.params.current}. Download the new template, copy your amounts into it and send it.`;
    case 'other_plan':
      return `This file was made for plan "${quote(p.params.planId)}", not for the current plan "${quote(p.params.current)}". Download the current plan's template and copy your amounts into it.`;
    case 'plan_version':
      return `This file was made on version ${p.params.made} of the plan; the current version is ${p.params.current}. Download the updated template (or use "Update" in the add-in), copy your amounts into it and send again.`;
    case 'unknown_ministry':
      return `The template names ministry "${quote(p.params.ministry)}", unknown to the plan or without activities. Download your ministry's template and copy your amounts into it.`;
    case 'entry_sheet_missing':
      return `The template's "${p.params.sheet}" sheet cannot be found (renamed or deleted?). Restore it under that name, or start again from your ministry's PAC template.`;
    case 'legacy_table_missing':
      return 'No table in the action plan\'s layout was found: it takes a header row with at least "Activités", "Coût" and the AN I to AN V columns (and preferably "Résultats", "Département responsable"). Check that the workbook holds that table.';
  }
  return p satisfies never;
}

export function problemMessage(p: FileProblem, lang: Lang): string {
  return lang === 'fr' ? problemMessageFr(p) : problemMessageEn(p);
}
