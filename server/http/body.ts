/**
 * Reading request bodies at the edge: the content type is checked, JSON is parsed, and the result
 * validated with a zod schema. Each failure is one catalogue error that says what and where.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** zod issues as `{ path: "lines[3].total", message }`, the form the clients show. */
export function issuesOf(error: z.ZodError): { path: string; message: string; code: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join(''),
    message: issue.message,
    code: issue.code,
  }));
}

export function requireContentType(c: Context, expected: readonly string[]): string {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!expected.includes(type)) {
    throw new ApiError('unsupported_media_type', {
      type: type || '(aucun)',
      expected: expected.join(' ou '),
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
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError('invalid_request', {}, { issues: issuesOf(parsed.error) });
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new ApiError('invalid_request', {}, { issues: issuesOf(parsed.error) });
  return parsed.data;
}
