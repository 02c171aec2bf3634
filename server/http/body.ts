/**
 * Reading request bodies at the edge: the content type is checked, JSON is parsed, and the result
 * validated with a zod schema. Each failure is one catalogue error that says what and where, its
 * field messages in the request's language: zod's own French or English wording (its locales,
 * given to each parse, so nothing global changes and #core's schemas stay as they are).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { en, fr } from 'zod/locales';
import type { Lang } from '#core';
import { ApiError } from './errors.ts';

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

export function requireContentType(c: Context, expected: readonly string[]): string {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!expected.includes(type)) {
    throw new ApiError('unsupported_media_type', {
      type: type ? type : { fr: '(aucun)', en: '(none)' },
      expected: { fr: expected.join(' ou '), en: expected.join(' or ') },
    });
  }
  return type;
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  requireContentType(c, ['application/json']);
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError('bad_json');
  }
  const lang: Lang = c.get('lang') ?? 'fr';
  const parsed = schema.safeParse(raw, zodIn(lang));
  if (!parsed.success) throw new ApiError('invalid_request', {}, { issues: issuesOf(parsed.error, lang) });
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(
  schema: S,
  query: Record<string, string>,
  lang: Lang = 'fr',
): z.output<S> {
  const parsed = schema.safeParse(query, zodIn(lang));
  if (!parsed.success) throw new ApiError('invalid_request', {}, { issues: issuesOf(parsed.error, lang) });
  return parsed.data;
}
