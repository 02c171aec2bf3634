/**
 * A zod validation failure as the API reports it, in the request's language: zod's own French or
 * English wording (its locales, given to each parse, so nothing global changes and #core's schemas
 * stay as they are). Apart from body.ts so that the return-checking threads
 * (server/returns/check-threads.ts) word their refusals without loading the HTTP layer.
 */
import type { z } from 'zod';
import { en, fr } from 'zod/locales';
import type { Lang } from '#core';

const LOCALES: Record<Lang, z.core.$ZodErrorMap> = { fr: fr().localeError, en: en().localeError };

/** The parse options that word zod's messages in `lang`. */
export const zodIn = (lang: Lang) => ({ error: LOCALES[lang] });

/**
 * A schema's own message for a rule zod cannot word (a refine) is written in both languages as
 * « français / English »: the request's half is kept.
 */
function messageIn(issue: z.core.$ZodIssue, lang: Lang): string {
  const halves = issue.code === 'custom' ? issue.message.split(' / ') : [];
  return halves.length === 2 ? (halves[lang === 'fr' ? 0 : 1] as string) : issue.message;
}

/** zod issues as `{ path: "lines[3].total", message }`, the form the clients show, in `lang`. */
export function issuesOf(
  error: z.ZodError,
  lang: Lang = 'fr',
): { path: string; message: string; code: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join(''),
    message: messageIn(issue, lang),
    code: issue.code,
  }));
}
