/**
 * The one error catalogue of the service: every refusal has a stable code, an HTTP status and a
 * message in French and in English. Routes throw `ApiError`; `errorBody` (used by the app's
 * error handler, the only place that turns errors into responses) writes them as JSON:
 * `{ error: { code, status, message, messages: { fr, en }, details } }`.
 *
 * Each code declares the parameters its messages use (ErrorParams), so TypeScript refuses an
 * ApiError that forgets or misspells one. A parameter is one of three kinds: a value written the
 * same in both languages (a ministry code, a version, a count), a word or phrase given in both
 * languages (`{ fr, en }`: no French ever lands in an English message), or a size in bytes, written
 * in each message's own language ("10 Mo" / "10 MB").
 */
import type { Lang } from '#core';
import { type ByteSize, formatSize } from './sizes.ts';

/** A value written the same in every language: a code, a version, a number, a reference. */
type Value = string | number;
/** A word or phrase, in each language. */
export type Wording = Readonly<Record<Lang, string>>;
type Param = Value | Wording | ByteSize;
type NoParams = Record<never, never>;

/** A value that reads the same in both languages (a path, a content type), where a Wording is asked. */
export const same = (text: string): Wording => ({ fr: text, en: text });

/** What each code's messages are built from. */
export interface ErrorParams {
  bad_json: NoParams;
  unreadable_body: NoParams;
  bad_multipart: NoParams;
  invalid_request: NoParams;
  unauthenticated: NoParams;
  invalid_token: NoParams;
  forbidden: { roles: Value; role: Value };
  wrong_ministry: { own: Value; ministry: Value };
  activities_not_owned: { count: number; ministry: Value; activities: Value };
  not_found: { what: Wording };
  method_not_allowed: { method: Value; path: Value };
  plan_version_outdated: { sent: Value; current: Value };
  unknown_plan: { sent: Value; current: Value };
  plan_version_exists: { version: Value };
  version_locked: { ministry: Value; version: number };
  review_not_allowed: { action: Wording; state: Wording };
  payload_too_large: { size: ByteSize; limit: ByteSize };
  unsupported_media_type: { type: Wording; expected: Wording };
  return_has_errors: { errors: number };
  unusable_file: { reason: Wording };
  idempotency_key_reused: { key: Value; version: number };
  too_many_refusals: { count: number; window: number; retry: number };
  period_exists: { key: Value; plan: Value };
  period_closed: { key: Value };
  period_outside_plan: { year: Value; plan: Value; years: Value };
  period_mismatch: { sent: Value; key: Value };
  execution_key_reused: { key: Value; version: number };
  internal: { ref: Value };
  unavailable: NoParams;
  database_busy: { retry: number };
  storage_full: NoParams;
}

export type ErrorCode = keyof ErrorParams;

/** The parameters as one language's message reads them: every word and size already in that language. */
type Said<P> = { readonly [K in keyof P]: P[K] extends Wording | ByteSize ? string : P[K] };

type Status = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503 | 507;

interface CatalogueEntry<P> {
  status: Status;
  fr: (p: Said<P>) => string;
  en: (p: Said<P>) => string;
}

/** One entry seen from outside its code: what the error handler and the OpenAPI document need. */
type AnyEntry = CatalogueEntry<Record<string, Value>>;

function isWording(value: Wording | ByteSize): value is Wording {
  return 'fr' in value;
}

/** The params for one language's message. */
function paramsIn(params: Readonly<Record<string, Param>>, lang: Lang): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'object') out[key] = value;
    else out[key] = isWording(value) ? value[lang] : formatSize(value, lang);
  }
  return out;
}

export const CATALOGUE = {
  bad_json: {
    status: 400,
    fr: () => "Le corps de la requête n'est pas du JSON valide. Vérifiez le contenu envoyé.",
    en: () => 'The request body is not valid JSON. Check what was sent.',
  },
  unreadable_body: {
    status: 400,
    fr: () =>
      "Le corps de la requête n'a pas pu être lu en entier (connexion coupée pendant l'envoi ?). Rien n'a été enregistré : renvoyez-le.",
    en: () =>
      'The request body could not be read in full (connection cut while sending?). Nothing was recorded: send it again.',
  },
  bad_multipart: {
    status: 400,
    fr: () =>
      "Le formulaire envoyé (multipart/form-data) est illisible : frontière (boundary) absente ou invalide, partie tronquée ou sans nom. Envoyez le fichier .xlsx dans un champ « file », ou le fichier seul avec l'en-tête Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet. Rien n'a été enregistré.",
    en: () =>
      'The form sent (multipart/form-data) cannot be read: missing or invalid boundary, a truncated part or a part without a name. Send the .xlsx file in a "file" field, or the file alone with the header Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet. Nothing was recorded.',
  },
  invalid_request: {
    status: 400,
    fr: () => 'La requête est mal formée : voir « details » pour chaque champ en cause.',
    en: () => 'The request is malformed: see "details" for each field at fault.',
  },
  unauthenticated: {
    status: 401,
    fr: () => "Jeton d'accès manquant : envoyez l'en-tête « Authorization: Bearer <jeton> ».",
    en: () => 'Missing access token: send the header "Authorization: Bearer <token>".',
  },
  invalid_token: {
    status: 401,
    fr: () => "Jeton d'accès inconnu, révoqué ou expiré. Demandez un nouveau jeton au Secrétariat permanent.",
    en: () => 'Unknown, revoked or expired access token. Ask the Permanent Secretariat for a new one.',
  },
  forbidden: {
    status: 403,
    fr: (p) => `Action réservée au rôle ${p.roles}. Votre jeton a le rôle ${p.role}.`,
    en: (p) => `Action reserved for role ${p.roles}. Your token has role ${p.role}.`,
  },
  wrong_ministry: {
    status: 403,
    fr: (p) => `Votre jeton est celui de ${p.own} : il ne donne pas accès aux données de ${p.ministry}.`,
    en: (p) => `Your token belongs to ${p.own}: it gives no access to ${p.ministry}'s data.`,
  },
  activities_not_owned: {
    status: 403,
    fr: (p) =>
      `Le retour contient ${p.count} activité(s) dont ${p.ministry} n'est pas responsable (${p.activities}). Retirez ces lignes : chaque ministère transmet ses propres activités.`,
    en: (p) =>
      `The return holds ${p.count} activit(ies) ${p.ministry} is not responsible for (${p.activities}). Remove those lines: each ministry sends its own activities.`,
  },
  not_found: {
    status: 404,
    fr: (p) => `Introuvable : ${p.what}.`,
    en: (p) => `Not found: ${p.what}.`,
  },
  method_not_allowed: {
    status: 405,
    fr: (p) => `Méthode ${p.method} non permise sur ${p.path}.`,
    en: (p) => `Method ${p.method} not allowed on ${p.path}.`,
  },
  plan_version_outdated: {
    status: 409,
    fr: (p) =>
      `Ce retour a été préparé sur la version ${p.sent} du plan ; la version en vigueur est ${p.current}. Mettez à jour la feuille (bouton « Mettre à jour ») puis renvoyez : voir « details » pour ce qui a changé.`,
    en: (p) =>
      `This return was prepared on plan version ${p.sent}; the current version is ${p.current}. Update the sheet ("Update" button) and send again: see "details" for what changed.`,
  },
  unknown_plan: {
    status: 409,
    fr: (p) =>
      `Ce retour est pour le plan « ${p.sent} », l'envoi vise le plan ${p.current} : envoyez-le au plan dont il vient (choix du plan dans le volet, ou ?plan= ; GET /api/plans liste les plans hébergés), ou reprenez le modèle du plan ${p.current}.`,
    en: (p) =>
      `This return is for plan "${p.sent}" but was sent to plan ${p.current}: send it to the plan it comes from (the plan choice in the pane, or ?plan=; GET /api/plans lists the hosted plans), or start again from plan ${p.current}'s template.`,
  },
  plan_version_exists: {
    status: 409,
    fr: (p) => `La version ${p.version} du plan existe déjà : publiez un nouveau numéro de version.`,
    en: (p) => `Plan version ${p.version} already exists: publish under a new version number.`,
  },
  version_locked: {
    status: 409,
    fr: (p) => `La version ${p.version} de ${p.ministry} est acceptée et verrouillée : rouvrez-la d'abord.`,
    en: (p) => `Version ${p.version} of ${p.ministry} is accepted and locked: reopen it first.`,
  },
  review_not_allowed: {
    status: 409,
    fr: (p) => `Impossible de « ${p.action} » une version à l'état « ${p.state} ».`,
    en: (p) => `Cannot "${p.action}" a version in state "${p.state}".`,
  },
  payload_too_large: {
    status: 413,
    fr: (p) =>
      `Envoi trop volumineux (${p.size}) : la limite est de ${p.limit}. Envoyez uniquement le retour de votre ministère.`,
    en: (p) => `Upload too large (${p.size}): the limit is ${p.limit}. Send only your ministry's return.`,
  },
  unsupported_media_type: {
    status: 415,
    fr: (p) => `Type de contenu « ${p.type} » non accepté ici : attendu ${p.expected}.`,
    en: (p) => `Content type "${p.type}" is not accepted here: expected ${p.expected}.`,
  },
  return_has_errors: {
    status: 422,
    fr: (p) =>
      `Retour refusé : ${p.errors} erreur(s) à corriger, chacune avec sa feuille et sa cellule dans les constats. Rien n'a été enregistré.`,
    en: (p) =>
      `Return refused: ${p.errors} error(s) to fix, each with its sheet and cell in the findings. Nothing was recorded.`,
  },
  unusable_file: {
    status: 422,
    fr: (p) => `Fichier inutilisable : ${p.reason}`,
    en: (p) => `Unusable file: ${p.reason}`,
  },
  idempotency_key_reused: {
    status: 422,
    fr: (p) =>
      `La clé d'idempotence « ${p.key} » a déjà servi pour un autre contenu (version ${p.version}). Utilisez une nouvelle clé pour un nouvel envoi.`,
    en: (p) =>
      `Idempotency key "${p.key}" was already used for different content (version ${p.version}). Use a new key for a new submission.`,
  },
  too_many_refusals: {
    status: 429,
    fr: (p) =>
      `Envoi refusé, et non noté dans l'historique : ce jeton a déjà ${p.count} envois refusés notés dans les ${p.window} dernières minutes. Le motif du refus est dans « details.refusal ». Corrigez le retour : un retour sans erreur est toujours accepté. Les refus seront de nouveau notés dans ${p.retry} minute(s).`,
    en: (p) =>
      `Submission refused, and not recorded in the history: this token already has ${p.count} refused submissions recorded in the last ${p.window} minutes. Why it was refused is in "details.refusal". Fix the return: a return without errors is always accepted. Refusals will be recorded again in ${p.retry} minute(s).`,
  },
  period_exists: {
    status: 409,
    fr: (p) => `La période ${p.key} est déjà ouverte pour le plan ${p.plan}.`,
    en: (p) => `Period ${p.key} is already open for plan ${p.plan}.`,
  },
  period_closed: {
    status: 409,
    fr: (p) =>
      `La période ${p.key} est close : elle ne reçoit plus de retours. Demandez au Secrétariat permanent de la rouvrir ou d'ouvrir la période suivante.`,
    en: (p) =>
      `Period ${p.key} is closed: it takes no more returns. Ask the Permanent Secretariat to reopen it or to open the next period.`,
  },
  period_outside_plan: {
    status: 400,
    fr: (p) => `L'année ${p.year} n'est pas une année du plan ${p.plan}, qui couvre : ${p.years}.`,
    en: (p) => `Year ${p.year} is not a year of plan ${p.plan}, which covers: ${p.years}.`,
  },
  period_mismatch: {
    status: 422,
    fr: (p) =>
      `Ce retour d'exécution est celui de la période ${p.sent}, envoyé pour la période ${p.key} : téléchargez le classeur de la période ${p.key} (ou envoyez-le à la bonne période).`,
    en: (p) =>
      `This execution return is for period ${p.sent}, sent for period ${p.key}: download the workbook of period ${p.key} (or send it to the right period).`,
  },
  execution_key_reused: {
    status: 409,
    fr: (p) =>
      `La clé d'idempotence « ${p.key} » a déjà servi pour un autre contenu (version ${p.version}). Utilisez une nouvelle clé pour un nouvel envoi.`,
    en: (p) =>
      `Idempotency key "${p.key}" was already used for different content (version ${p.version}). Use a new key for a new submission.`,
  },
  internal: {
    status: 500,
    fr: (p) =>
      `Erreur interne du service (référence ${p.ref}). Rien n'a été perdu ; réessayez ou signalez la référence.`,
    en: (p) =>
      `Internal service error (reference ${p.ref}). Nothing was lost; retry or report the reference.`,
  },
  unavailable: {
    status: 503,
    fr: () => 'Service momentanément indisponible (base de données). Réessayez dans un instant.',
    en: () => 'Service temporarily unavailable (database). Try again in a moment.',
  },
  database_busy: {
    status: 503,
    fr: (p) =>
      `La base de données est occupée par un autre programme (sauvegarde, ligne de commande…) : rien n'a été enregistré. Réessayez dans ${p.retry} secondes ; un renvoi avec la même clé d'idempotence ne crée jamais de doublon.`,
    en: (p) =>
      `The database is busy with another program (a backup, the command line…): nothing was recorded. Try again in ${p.retry} seconds; sending again with the same idempotency key never makes a duplicate.`,
  },
  storage_full: {
    status: 507,
    fr: () =>
      "Le disque du service est plein : rien n'a été enregistré. Réessayez plus tard ; si cela dure, prévenez l'administrateur du service, qui doit libérer de la place.",
    en: () =>
      "The service's disk is full: nothing was recorded. Try again later; if it lasts, tell the service's administrator, who must free some space.",
  },
} as const satisfies { [C in ErrorCode]: CatalogueEntry<ErrorParams[C]> };

/** A code's entry with its params as plain values: for code that handles every code alike. */
export function entryOf(code: ErrorCode): AnyEntry {
  return CATALOGUE[code] as AnyEntry;
}

/** The params an ApiError of code C takes: optional only for a code whose messages use none. */
type ParamsArg<C extends ErrorCode> = NoParams extends ErrorParams[C]
  ? [params?: ErrorParams[C], details?: unknown, headers?: Record<string, string>]
  : [params: ErrorParams[C], details?: unknown, headers?: Record<string, string>];

export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly params: ErrorParams[C];
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: C, ...[params, details, headers]: ParamsArg<C>) {
    const given = (params ?? {}) as ErrorParams[C];
    super(entryOf(code).en(paramsIn(given, 'en')));
    this.name = 'ApiError';
    this.code = code;
    this.params = given;
    this.details = details;
    this.headers = headers ?? {};
  }

  get status(): Status {
    return CATALOGUE[this.code].status;
  }
}

/** The JSON body of an error, in the requested language with both wordings alongside. */
export function errorBody(error: ApiError, lang: Lang) {
  const entry = entryOf(error.code);
  const messages = {
    fr: entry.fr(paramsIn(error.params, 'fr')),
    en: entry.en(paramsIn(error.params, 'en')),
  };
  return {
    error: {
      code: error.code,
      status: error.status,
      message: messages[lang],
      messages,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** The language a client asked for: `?lang=en` or Accept-Language; French by default. */
export function requestLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'fr') return query;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}
