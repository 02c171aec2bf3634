/**
 * The Sheets add-on's words: the shared pane's (#core PANE_WORDING), except the sentences that say
 * where the pane keeps things. In Excel that is "this computer"; here the token, the plan and a
 * return waiting to be sent are kept in the person's Google account (the add-on's user
 * properties) — never in the spreadsheet, which others may open; and the sentence that says the
 * page was opened outside Google Sheets, the twin of the Excel pane's. Plus the labels of the
 * menu, which Apps Script draws before any page exists, in French, the working language.
 */
import { type Lang, PANE_WORDING, type PaneWording } from '#core';

const frPlural = (n: number, one: string, many: string) => `${n} ${n < 2 ? one : many}`;
const enPlural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const SHEETS_WORDING: Readonly<Record<Lang, PaneWording>> = {
  fr: {
    ...PANE_WORDING.fr,
    tokenHint:
      'Remis par le Secrétariat permanent. Il reste dans votre compte Google (réglages du module PAC), jamais dans la feuille de calcul.',
    planCached: (version, when) => `Plan version ${version}, enregistré dans votre compte le ${when}.`,
    noPlan: 'Aucun plan enregistré dans votre compte : connectez-vous une fois pour le télécharger.',
    planUnavailableOffline:
      'Service injoignable et aucun plan enregistré dans votre compte : connectez-vous une fois au service pour télécharger le plan, il restera disponible ensuite.',
    pendingKept: (when) =>
      `Hors ligne : le retour préparé le ${when} est conservé dans votre compte et sera envoyé dès que le service répondra (sans doublon).`,
    pendingShort: (when, attempts) =>
      `Retour du ${when} en attente d'envoi (${frPlural(attempts, 'essai', 'essais')}), conservé dans votre compte.`,
    blocked: {
      ...PANE_WORDING.fr.blocked,
      host: "ce volet n'est pas ouvert dans Google Sheets ; voir le message en haut.",
      plan: 'aucun plan enregistré dans votre compte : connectez-vous une fois pour le télécharger.',
    },
    hostMissing:
      "Google Sheets n'est pas disponible : ouvrez ce volet depuis une feuille Google Sheets, menu Extensions › PAC › Ouvrir PAC.",
  },
  en: {
    ...PANE_WORDING.en,
    tokenHint:
      "Given by the Permanent Secretariat. It stays in your Google account (the PAC add-on's settings), never in the spreadsheet.",
    planCached: (version, when) => `Plan version ${version}, saved in your account on ${when}.`,
    noPlan: 'No plan saved in your account: connect once to download it.',
    planUnavailableOffline:
      'Service unreachable and no plan saved in your account: connect to the service once to download the plan; it then stays available.',
    pendingKept: (when) =>
      `Offline: the return prepared on ${when} is kept in your account and will be sent as soon as the service answers (never twice).`,
    pendingShort: (when, attempts) =>
      `Return of ${when} waiting to be sent (${enPlural(attempts, 'attempt', 'attempts')}), kept in your account.`,
    blocked: {
      ...PANE_WORDING.en.blocked,
      host: 'this pane is not open in Google Sheets; see the message above.',
      plan: 'no plan saved in your account: connect once to download it.',
    },
    hostMissing:
      'Google Sheets is not available: open this pane from a Google Sheets spreadsheet, menu Extensions › PAC › Ouvrir PAC.',
  },
};

/** The menu under Extensions › PAC, with the pane's own words for its two actions. */
export const MENU_LABELS = {
  open: 'Ouvrir PAC',
  check: PANE_WORDING.fr.check,
  submit: PANE_WORDING.fr.submit,
} as const;
