/**
 * The planners' help page (the manifest's SupportUrl, served at /aide, in English at /help): what
 * the add-in does, how to install it in Excel or Google Sheets, how to connect and work, and whom
 * to ask. It is for a CPS planner who has never seen PAC, not for the Permanent Secretariat (whose
 * page is the dashboard). One self-contained page: no script, its style inline, readable on a phone
 * and printable.
 */
import { escapeHtml, type Lang } from '#core';

export const HELP_PATH = '/aide';
export const HELP_PATH_EN = '/help';

export interface HelpContext {
  /** The service's address as the planner's computer reaches it ("https://pac.example.ml"). */
  origin: string;
  /** Who to contact (PAC_CONTACT), or null for the generic wording. */
  contact: string | null;
}

interface Wording {
  title: string;
  other: { lang: Lang; label: string; path: string };
  intro: string;
  whatHeading: string;
  what: string[];
  installHeading: string;
  install: (manifest: string) => string[];
  sheetsHeading: string;
  sheets: string[];
  connectHeading: string;
  connect: (origin: string) => string[];
  workHeading: string;
  work: string[];
  contactHeading: string;
  contact: (contact: string | null) => string;
  needs: string;
}

const link = (href: string, text = href) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const code = (text: string) => `<code>${escapeHtml(text)}</code>`;

const WORDING: Record<Lang, Wording> = {
  fr: {
    title: 'PAC — aide pour les planificateurs des CPS',
    other: { lang: 'en', label: 'English', path: HELP_PATH_EN },
    intro:
      "PAC (plan d'action chiffré) vous aide à remplir, vérifier et transmettre le retour chiffré de votre ministère pour le plan d'action PNLEVT 2021–2025, dans Excel ou dans Google Sheets.",
    whatHeading: 'Ce que fait PAC',
    what: [
      'Il prépare dans votre classeur la feuille « Saisie » avec <strong>les activités de votre ministère</strong> déjà écrites (codes, intitulés, résultats) : vous n’entrez que les montants, en <strong>millions de FCFA</strong> (« PM » pour une activité inscrite mais non chiffrée).',
      '« Vérifier » contrôle la feuille <strong>sans connexion</strong> : chaque erreur est montrée avec sa cellule (« Saisie!H12 »), un clic y mène.',
      '« Soumettre » transmet le retour au Secrétariat permanent. Sans réseau, il est gardé sur l’ordinateur et renvoyé tout seul, jamais en double.',
      'Le volet affiche ensuite la suite donnée par le Secrétariat permanent : accepté, ou renvoyé avec son commentaire.',
    ],
    installHeading: 'Installer le complément Excel',
    install: (manifest) => [
      '<strong>Si votre service informatique l’a déployé</strong> (Microsoft 365) : dans Excel, onglet Accueil › Compléments (ou Insertion › Mes compléments › « Géré par l’administrateur »), choisir <strong>PAC</strong>. L’onglet PAC apparaît dans le ruban.',
      `<strong>Excel sur le web</strong>, sinon : Accueil › Compléments › Plus de compléments › Mes compléments › « Charger mon complément », et choisir le fichier ${link(manifest, 'manifest.xml')} (téléchargez-le d’abord).`,
      '<strong>Excel pour Windows</strong> sans Microsoft 365 : votre service informatique place le manifeste dans un dossier partagé ; ajoutez ce dossier dans Fichier › Options › Centre de gestion de la confidentialité › Catalogues de compléments approuvés (« Afficher dans le menu »), redémarrez Excel, puis Insertion › Mes compléments › Dossier partagé › PAC.',
      'Il faut Microsoft 365, Excel 2021 ou plus récent, Excel sur le web ou Excel pour Mac.',
    ],
    sheetsHeading: 'Dans Google Sheets',
    sheets: [
      'Si votre domaine a installé le module PAC : menu Extensions › PAC › « Ouvrir PAC ». Le même volet s’ouvre dans la barre latérale, avec les mêmes actions.',
    ],
    connectHeading: 'Se connecter',
    connect: (origin) => [
      `Adresse du service : ${code(origin)} (le volet la remplit pour vous).`,
      '<strong>Jeton d’accès</strong> : remis par le Secrétariat permanent, un par ministère. Il reste sur votre ordinateur (ou dans votre compte Google), jamais dans le classeur. Ne le transmettez pas par courriel ; s’il est perdu, demandez-en un nouveau.',
    ],
    workHeading: 'Au travail',
    work: [
      '« Préparer la feuille » une fois, puis « Mettre à jour » quand le plan change : ce que vous avez saisi est gardé.',
      'Saisissez les montants par année, le budget national et l’extérieur ; « Vérifier » ; corrigez ; « Soumettre ».',
      'Le fichier .xlsx fonctionne aussi sans le complément : il peut être envoyé en pièce jointe au Secrétariat permanent.',
    ],
    contactHeading: 'Qui contacter',
    contact: (contact) =>
      contact
        ? `Pour un jeton, une question ou un problème : ${escapeHtml(contact)}.`
        : 'Pour un jeton, une question ou un problème : le Secrétariat permanent qui vous a remis votre jeton.',
    needs: 'Le complément ne s’installe que depuis l’adresse HTTPS du service.',
  },
  en: {
    title: 'PAC — help for CPS planners',
    other: { lang: 'fr', label: 'Français', path: HELP_PATH },
    intro:
      "PAC (plan d'action chiffré, costed action plan) helps you fill in, check and send your ministry's costed return for the PNLEVT 2021–2025 action plan, in Excel or in Google Sheets.",
    whatHeading: 'What PAC does',
    what: [
      'It sets up the "Saisie" sheet in your workbook with <strong>your ministry’s activities</strong> already written (codes, titles, results): you only enter amounts, in <strong>millions of FCFA</strong> ("PM" for an activity listed but not costed).',
      '"Vérifier" (check) checks the sheet <strong>offline</strong>: each error is shown with its cell ("Saisie!H12"), one click takes you there.',
      '"Soumettre" (submit) sends the return to the Permanent Secretariat. Without a network it is kept on the computer and sent again by itself, never twice.',
      'The pane then shows what the Permanent Secretariat decided: accepted, or returned with its comment.',
    ],
    installHeading: 'Installing the Excel add-in',
    install: (manifest) => [
      '<strong>If your IT department deployed it</strong> (Microsoft 365): in Excel, Home › Add-ins (or Insert › My Add-ins › "Admin Managed"), choose <strong>PAC</strong>. The PAC tab appears in the ribbon.',
      `<strong>Excel on the web</strong>, otherwise: Home › Add-ins › More add-ins › My add-ins › "Upload My Add-in", and choose the file ${link(manifest, 'manifest.xml')} (download it first).`,
      '<strong>Excel for Windows</strong> without Microsoft 365: your IT department puts the manifest in a shared folder; add that folder under File › Options › Trust Center › Trusted Add-in Catalogs ("Show in Menu"), restart Excel, then Insert › My Add-ins › Shared Folder › PAC.',
      'It needs Microsoft 365, Excel 2021 or later, Excel on the web or Excel for Mac.',
    ],
    sheetsHeading: 'In Google Sheets',
    sheets: [
      'If your domain installed the PAC add-on: menu Extensions › PAC › "Ouvrir PAC". The same pane opens in the sidebar, with the same actions.',
    ],
    connectHeading: 'Connecting',
    connect: (origin) => [
      `Service address: ${code(origin)} (the pane fills it in for you).`,
      '<strong>Access token</strong>: given by the Permanent Secretariat, one per ministry. It stays on your computer (or in your Google account), never in the workbook. Do not send it by e-mail; if it is lost, ask for a new one.',
    ],
    workHeading: 'Working',
    work: [
      '"Préparer la feuille" (set up) once, then "Mettre à jour" (update) when the plan changes: what you typed is kept.',
      'Enter the amounts per year, the national budget and the external funding; check; correct; submit.',
      'The .xlsx file also works without the add-in: it can be sent to the Permanent Secretariat as an attachment.',
    ],
    contactHeading: 'Who to contact',
    contact: (contact) =>
      contact
        ? `For a token, a question or a problem: ${escapeHtml(contact)}.`
        : 'For a token, a question or a problem: the Permanent Secretariat that gave you your token.',
    needs: 'The add-in installs only from the service’s HTTPS address.',
  },
};

const STYLE = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;max-width:46rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap;border-bottom:3px solid #1f3864}
h1{font-size:1.4rem;color:#1f3864;margin:.5rem 0}h2{font-size:1.15rem;color:#1f3864;margin-top:1.5rem}
a{color:#1f3864}code{background:#eef1f6;padding:0 .25rem;border-radius:3px;word-break:break-all}
li{margin:.35rem 0}@media print{a{color:inherit}}`;

function list(items: string[]): string {
  return `<ul>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`;
}

/** The whole page in `lang`; `origin` and `contact` are escaped here. */
export function helpPage(lang: Lang, context: HelpContext): string {
  const w = WORDING[lang];
  const manifest = `${context.origin}/addin/manifest.xml`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(w.title)}</h1><a href="${w.other.path}" hreflang="${w.other.lang}" lang="${w.other.lang}">${w.other.label}</a></header>
<main>
<p>${escapeHtml(w.intro)}</p>
<h2>${escapeHtml(w.whatHeading)}</h2>
${list(w.what)}
<h2>${escapeHtml(w.installHeading)}</h2>
${list(w.install(manifest))}
<p>${escapeHtml(w.needs)}</p>
<h2>${escapeHtml(w.sheetsHeading)}</h2>
${list(w.sheets)}
<h2>${escapeHtml(w.connectHeading)}</h2>
${list(w.connect(context.origin))}
<h2>${escapeHtml(w.workHeading)}</h2>
${list(w.work)}
<h2>${escapeHtml(w.contactHeading)}</h2>
<p>${w.contact(context.contact)}</p>
</main>
</body>
</html>
`;
}

/** The page's inline style sheet, for its Content-Security-Policy hash. */
export const HELP_STYLE = STYLE;
