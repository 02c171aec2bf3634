/**
 * The sync service as the dashboard calls it: same origin, the consolidator's bearer token, JSON
 * in and out, and the workbook as a file. A refusal becomes a ServiceError carrying the service's
 * own French and English wording (server/http/errors.ts), so the page shows exactly what the
 * service says; no answer at all becomes the page's own "the service does not answer".
 *
 * The answer shapes are the service's (types only: nothing of the server is bundled into the page).
 * They are not re-validated here: the page and the service ship together from one build.
 */
import {
  type ConsolidationJson,
  type Finding,
  type Lang,
  type ReturnDiffJson,
  type ReturnDocument,
  type ReturnSummary,
  withPlan,
} from '#core';
import type { MirrorStatus } from '../../mirror/mirror.ts';
import type { AttemptRow, AttemptSummary, ReviewRow } from '../../store/store.ts';
import { fileNameOf } from './format.ts';
import { type ReturnStateName, type ReviewActionName, WORDING } from './wording.ts';

export interface Me {
  role: 'admin' | 'consolidator' | 'ministry';
  label: string;
  ministry: { code: string; name: string } | null;
  plan: { id: string; version: string } | null;
}

/** One row of GET /api/status (server/routes/status.ts). */
export interface MinistryStatus {
  ministry: string;
  name: string;
  state: ReturnStateName;
  version: number | null;
  submittedAt: string | null;
  submittedBy: string | null;
  errors: number;
  warnings: number;
  reviewComment: string | null;
  reviewedAt: string | null;
  /** The ministry's last refused send, if any; `afterLatestVersion` when it is newer than its latest version. */
  lastAttempt: {
    id: string;
    at: string;
    code: string;
    messages: Record<Lang, string>;
    errors: number;
    warnings: number;
    afterLatestVersion: boolean;
  } | null;
  activities: number;
  missing: string[];
  late: boolean;
}

export interface StatusJson {
  plan: { id: string; version: string };
  generatedAt: string;
  deadline: string | null;
  totals: {
    ministries: number;
    notStarted: number;
    refused: number;
    submitted: number;
    returned: number;
    accepted: number;
    late: number;
    lastSendRefused: number;
  };
  ministries: MinistryStatus[];
  mirror: MirrorStatus | null;
}

export type Summary = ReturnSummary;

export interface ReturnJson {
  return: ReturnSummary & { payload: ReturnDocument; findings: Finding[] };
  reviews: ReviewRow[];
}

export type Attempt = AttemptSummary;
export type AttemptDetailJson = { attempt: AttemptRow };

export interface DiffJson {
  ministry: string;
  from: number;
  to: number;
  diff: ReturnDiffJson;
}

/** One plan of GET /api/plans (server/routes/plans.ts). */
export interface PlanSummary {
  id: string;
  title: string;
  years: number[];
  unit: string;
  version: string;
  activities: number;
  default: boolean;
}

export interface PlansJson {
  default: string | null;
  plans: PlanSummary[];
}

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Record<Lang, string>,
  ) {
    super(messages.en);
    this.name = 'ServiceError';
  }
}

/** What the page shows for any failure: the service's wording, or its own for the rest. */
export function failureMessages(error: unknown): Record<Lang, string> {
  if (error instanceof ServiceError) return error.messages;
  return { fr: WORDING.fr.networkError, en: WORDING.en.networkError };
}

async function failureOf(res: Response): Promise<ServiceError> {
  let body: { error?: { code?: string; message?: string; messages?: Partial<Record<Lang, string>> } } = {};
  try {
    body = await res.json();
  } catch {
    // A proxy's HTML page or an empty body: the status is all there is to say.
  }
  const e = body.error;
  const fallback = `HTTP ${res.status}`;
  return new ServiceError(res.status, e?.code ?? `http_${res.status}`, {
    fr: e?.messages?.fr ?? e?.message ?? fallback,
    en: e?.messages?.en ?? e?.message ?? fallback,
  });
}

export interface Client {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A file the service sends as an attachment, with the name it gives it. */
  download(path: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }>;
}

export function serviceClient(
  token: string,
  lang: () => Lang,
  fetcher: typeof fetch = fetch,
  plan: () => string | null = () => null,
): Client {
  const send = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let res: Response;
    try {
      // Every call is for the plan the page shows (?plan=), the list of plans excepted.
      res = await fetcher(withPlan(path, plan()), {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': lang(),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        // Nothing of the consolidator's session should sit in a shared browser's HTTP cache.
        cache: 'no-store',
      });
    } catch {
      throw new ServiceError(0, 'network', failureMessages(null));
    }
    if (!res.ok) throw await failureOf(res);
    return res;
  };
  return {
    async get<T>(path: string) {
      return (await (await send(path)).json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      return (await (await send(path, { method: 'POST', body: JSON.stringify(body) })).json()) as T;
    },
    async download(path, fallbackName) {
      const res = await send(path);
      return {
        blob: await res.blob(),
        fileName: fileNameOf(res.headers.get('content-disposition'), fallbackName),
      };
    },
  };
}

export const api = {
  me: (c: Client) => c.get<Me>('/api/me'),
  plans: (c: Client) => c.get<PlansJson>('/api/plans'),
  status: (c: Client) => c.get<StatusJson>('/api/status'),
  consolidated: (c: Client) => c.get<ConsolidationJson>('/api/consolidated'),
  versions: (c: Client, ministry: string) =>
    c.get<{ returns: Summary[] }>(`/api/returns?ministry=${encodeURIComponent(ministry)}`),
  version: (c: Client, ministry: string, version: number) =>
    c.get<ReturnJson>(`/api/returns/${encodeURIComponent(ministry)}/${version}`),
  diff: (c: Client, ministry: string, from: number, to: number) =>
    c.get<DiffJson>(`/api/returns/${encodeURIComponent(ministry)}/diff?from=${from}&to=${to}`),
  review: (c: Client, ministry: string, version: number, action: ReviewActionName, comment: string | null) =>
    c.post<{ return: Summary }>(`/api/returns/${encodeURIComponent(ministry)}/${version}/review`, {
      action,
      comment,
    }),
  attempts: (c: Client, ministry: string) =>
    c.get<{ attempts: Attempt[] }>(`/api/returns/${encodeURIComponent(ministry)}/attempts`),
  /** A ministry's refused execution sends for one period. */
  executionAttempts: (c: Client, period: string, ministry: string) =>
    c.get<{ attempts: Attempt[] }>(
      `/api/periods/${encodeURIComponent(period)}/returns/${encodeURIComponent(ministry)}/attempts`,
    ),
  attempt: (c: Client, ministry: string, id: string) =>
    c.get<AttemptDetailJson>(
      `/api/returns/${encodeURIComponent(ministry)}/attempts/${encodeURIComponent(id)}`,
    ),
  workbook: (c: Client, lang: Lang) =>
    c.download(`/api/consolidated/workbook.xlsx?lang=${lang}`, 'pac-consolide.xlsx'),
};
