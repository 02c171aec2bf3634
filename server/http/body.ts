/**
 * Reading request bodies at the edge: the content type is checked, JSON is parsed, and the result
 * validated with a zod schema; a multipart form is parsed here too. Each failure is one catalogue
 * error that says what and where — a body that cannot even be read or parsed is the client's 400,
 * never the service's 500 — its field messages in the request's language (./zod-issues.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { Lang } from '#core';
import { ApiError, same } from './errors.ts';
import type { ByteSize } from './sizes.ts';
import { issuesOf, zodIn } from './zod-issues.ts';

export function requireContentType(c: Context, expected: readonly string[]): string {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!expected.includes(type)) {
    throw new ApiError('unsupported_media_type', {
      type: type ? same(type) : { fr: '(aucun)', en: '(none)' },
      expected: { fr: expected.join(' ou '), en: expected.join(' or ') },
    });
  }
  return type;
}

/**
 * Reads the body through `read`. An ApiError met on the way (the body limit's 413) passes; any other
 * failure while reading is the connection's (cut mid-body), said as such.
 */
async function readBody<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('unreadable_body');
  }
}

/**
 * What was sent, as far as it is known: the size the client declared (Content-Length), or only
 * that it went past the limit (a chunked body is counted as it is read and cut there).
 */
function sentSize(contentLength: string | undefined, maxSize: number): ByteSize {
  const declared = contentLength === undefined ? Number.NaN : Number(contentLength);
  return Number.isSafeInteger(declared) && declared > maxSize ? { bytes: declared } : { moreThan: maxSize };
}

/**
 * Refuses a body larger than `maxSize` with the catalogue's 413, whether it says its size
 * (Content-Length) or not (chunked: it is counted as it is read). A chunked body that breaks off
 * while it is being counted is the client's unreadable_body, not the service's error.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: (c) => {
      throw new ApiError('payload_too_large', {
        size: sentSize(c.req.header('content-length'), maxSize),
        limit: { bytes: maxSize },
      });
    },
  });
  return async (c, next) => {
    // A body that says its size is judged by it, from the header alone: Hono's bodyLimit would ask
    // for the body as a web stream, and a stream costs more than the reading itself; the fast read
    // that follows stops at the declared length. A chunked body is counted as it is read.
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(declared) > maxSize) {
        throw new ApiError('payload_too_large', {
          size: sentSize(declared, maxSize),
          limit: { bytes: maxSize },
        });
      }
      return next();
    }
    try {
      await limit(c, next);
    } catch (error) {
      // Errors of the routes behind are answered where they happen; what reaches here is the reading.
      if (error instanceof ApiError) throw error;
      throw new ApiError('unreadable_body');
    }
  };
}

/** The raw body's bytes. */
export function readBytes(c: Context): Promise<Uint8Array<ArrayBuffer>> {
  return readBody(async () => new Uint8Array(await c.req.arrayBuffer()));
}

/**
 * The file sent in the `field` of a multipart/form-data body, or null when that field is missing or
 * is not a file. A form that cannot be parsed (no boundary, a truncated part, a part without a
 * name…) is the catalogue's bad_multipart, whatever the parser's own complaint.
 */
export async function readFormFile(c: Context, field: string): Promise<File | null> {
  const bytes = await readBytes(c);
  let form: FormData;
  try {
    form = await new Response(bytes, {
      headers: { 'content-type': c.req.header('content-type') ?? '' },
    }).formData();
  } catch {
    throw new ApiError('bad_multipart');
  }
  const value = form.get(field);
  return value instanceof File ? value : null;
}

/** The text of a JSON body (content type checked), for a caller that parses it elsewhere. */
export async function readJsonText(c: Context): Promise<string> {
  requireContentType(c, ['application/json']);
  return readBody(() => c.req.text());
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await readJsonText(c);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
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
