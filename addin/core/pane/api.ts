/**
 * The sync service as the pane calls it, over a PaneTransport: who the token is (/api/me), the
 * ministry's part of the plan with ETag revalidation (/api/plan), sending a return with an
 * Idempotency-Key (/api/returns) and the ministry's versions with their review state. Answers are
 * checked with zod where the pane relies on their shape; an error answer becomes an ApiFailure
 * carrying the service's own wording ({ error: { code, status, messages: { fr, en }, details } }).
 */
import * as z from 'zod';
import type { Finding } from '../findings.ts';
import type { Lang } from '../layout.ts';
import { withPlan } from '../plan-query.ts';
import { Plan } from '../schemas/plan.ts';
import type { ReturnDocument } from '../schemas/return.ts';
import { PlanList } from './plan-choice.ts';
import type { PaneResponse, PaneTransport } from './ports.ts';

/** No answer at all: offline, name not found, connection cut. */
export class NetworkFailure extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkFailure';
  }
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    status: z.number().optional(),
    message: z.string().optional(),
    messages: z.object({ fr: z.string(), en: z.string() }).partial().optional(),
    details: z.unknown().optional(),
  }),
});

/** The service answered with an error. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: { fr: string; en: string },
    readonly details: unknown,
  ) {
    super(`${status} ${code}: ${messages.en}`);
    this.name = 'ApiFailure';
  }

  messageIn(lang: Lang): string {
    return this.messages[lang];
  }

  /** Findings the service sent with a refusal (422 return_has_errors, 403 activities_not_owned). */
  get findings(): Finding[] {
    const f = (this.details as { findings?: unknown } | null)?.findings;
    return Array.isArray(f) ? (f as Finding[]) : [];
  }

  /** Worth sending again later with the same key: the service was down or the token was refused. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 401 || this.status === 408 || this.status === 429;
  }
}

function failureOf(res: PaneResponse): ApiFailure {
  let parsed: z.infer<typeof ErrorBody> | null = null;
  try {
    const r = ErrorBody.safeParse(JSON.parse(res.body));
    if (r.success) parsed = r.data;
  } catch {
    // Not JSON: a proxy's or server's own page. Said with the status below.
  }
  const fallback = `HTTP ${res.status}`;
  const e = parsed?.error;
  return new ApiFailure(
    res.status,
    e?.code ?? `http_${res.status}`,
    {
      fr: e?.messages?.fr ?? e?.message ?? fallback,
      en: e?.messages?.en ?? e?.message ?? fallback,
    },
    e?.details ?? null,
  );
}

// The answers' shapes are the service's own (../schemas/responses.ts); re-exported for the hosts.
import { Me, Receipt, ReturnSummary } from '../schemas/responses.ts';

export { Me, Receipt, ReturnSummary };

export interface CachedPlan {
  etag: string;
  /** The ministry whose part this is; null for the whole plan. */
  ministry: string | null;
  plan: Plan;
  fetchedAt: string;
}

export interface Connection {
  /** "https://pac.example.org", without a final slash. */
  service: string;
  token: string;
  /** The hosted plan chosen (./plan-choice.ts); absent: the service's default plan. */
  plan?: string | null;
}

export function serviceUrl(service: string, path: string): string {
  return `${service.trim().replace(/\/+$/, '')}${path}`;
}

export class ServiceClient {
  constructor(
    private readonly transport: PaneTransport,
    private readonly connection: Connection,
    private readonly lang: Lang,
  ) {}

  /** One request to the service with the token and the pane's language; no answer is a NetworkFailure. */
  async call(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: unknown) {
    const all: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.lang,
      authorization: `Bearer ${this.connection.token}`,
      ...headers,
    };
    if (body !== undefined) all['content-type'] = 'application/json';
    try {
      return await this.transport.request({
        method,
        url: serviceUrl(this.connection.service, withPlan(path, this.connection.plan)),
        headers: all,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new NetworkFailure(cause);
    }
  }

  /** The answer's body checked against `schema`, or the service's refusal as an ApiFailure. */
  static json<T>(res: PaneResponse, schema: z.ZodType<T>): T {
    if (res.status < 200 || res.status >= 300) throw failureOf(res);
    return schema.parse(JSON.parse(res.body));
  }

  /**
   * The plans open to the token's ministry (every hosted plan for the other roles); null from a
   * service of a release hosting one plan only, which has no list (404).
   */
  async plans(): Promise<PlanList | null> {
    const res = await this.call('GET', '/api/plans');
    if (res.status === 404) return null;
    return ServiceClient.json(res, PlanList);
  }

  async me(): Promise<Me> {
    return ServiceClient.json(await this.call('GET', '/api/me'), Me);
  }

  /** The ministry's part of the plan: the cached copy when the service says it has not changed. */
  async plan(ministry: string | null, cached: CachedPlan | null, now: string): Promise<CachedPlan> {
    const headers: Record<string, string> =
      cached && cached.ministry === ministry ? { 'if-none-match': cached.etag } : {};
    const query = ministry === null ? '' : `?ministry=${encodeURIComponent(ministry)}`;
    const res = await this.call('GET', `/api/plan${query}`, headers);
    if (res.status === 304 && cached) return { ...cached, fetchedAt: now };
    const body = ServiceClient.json(res, z.object({ plan: Plan }));
    return { etag: res.headers.etag ?? '', ministry, plan: body.plan, fetchedAt: now };
  }

  /** Sends a return; 201 for a new version, 200 for a replay of the same key and content. */
  async submit(doc: ReturnDocument, key: string): Promise<Receipt> {
    const res = await this.call('POST', '/api/returns', { 'idempotency-key': key }, doc);
    return ServiceClient.json(res, z.object({ receipt: Receipt })).receipt;
  }

  /** The ministry's versions, latest first. */
  async returns(): Promise<ReturnSummary[]> {
    const body = ServiceClient.json(
      await this.call('GET', '/api/returns'),
      z.object({ returns: z.array(ReturnSummary) }),
    );
    return [...body.returns].sort((a, b) => b.version - a.version);
  }
}
