/**
 * Stand-ins for the pane's storage and network in Node tests: a Map for the add-in's storage, and
 * a scripted service that answers /api/me, /api/plan (with ETag and 304), /api/returns (POST with
 * idempotency replay, GET) the way the sync service does — or not at all, when `offline` is set.
 */
import type {
  PaneRequest,
  PaneResponse,
  PaneStorage,
  PaneTransport,
  Plan,
  ReturnDocument,
  ReturnSummary,
} from '#core';
import { planForMinistry } from '#core';

export function memoryStorage(
  initial: Record<string, unknown> = {},
): PaneStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(
    Object.entries(initial).map(([k, v]) => [k, JSON.parse(JSON.stringify(v))]),
  );
  return {
    data,
    async get<T>(key: string) {
      return data.has(key) ? (JSON.parse(JSON.stringify(data.get(key))) as T) : null;
    },
    async set(key: string, value: unknown) {
      data.set(key, JSON.parse(JSON.stringify(value)));
    },
    async remove(key: string) {
      data.delete(key);
    },
  };
}

export interface ScriptedService extends PaneTransport {
  plan: Plan;
  ministry: string;
  offline: boolean;
  /** The request reaches the service but its answer is lost on the way back. */
  loseAnswers: boolean;
  versions: { key: string; doc: ReturnDocument; createdAt: string }[];
  requests: PaneRequest[];
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): PaneResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export function scriptedService(plan: Plan, ministry: string): ScriptedService {
  const service: ScriptedService = {
    plan,
    ministry,
    offline: false,
    loseAnswers: false,
    versions: [],
    requests: [],
    async request(req) {
      service.requests.push(req);
      if (service.offline) throw new TypeError('Failed to fetch');
      const url = new URL(req.url);
      const etag = `"${service.plan.plan.version}:${service.ministry}"`;
      let res: PaneResponse;
      if (url.pathname === '/api/me') {
        res = json(200, {
          role: 'ministry',
          label: `CPS ${service.ministry}`,
          ministry: { code: service.ministry, name: `Ministère ${service.ministry}` },
          plan: { id: service.plan.plan.id, version: service.plan.plan.version, etag },
        });
      } else if (url.pathname === '/api/plan') {
        res =
          req.headers['if-none-match'] === etag
            ? { status: 304, headers: { etag }, body: '' }
            : json(
                200,
                {
                  plan: url.searchParams.has('ministry')
                    ? planForMinistry(service.plan, service.ministry)
                    : service.plan,
                },
                { etag },
              );
      } else if (url.pathname === '/api/returns' && req.method === 'POST') {
        const key = req.headers['idempotency-key'] ?? '';
        const doc = JSON.parse(req.body ?? '{}') as ReturnDocument;
        let i = service.versions.findIndex((v) => v.key === key);
        const replayed = i >= 0;
        if (!replayed) {
          service.versions.push({
            key,
            doc,
            createdAt: new Date(Date.UTC(2026, 0, 15, 9, service.versions.length)).toISOString(),
          });
          i = service.versions.length - 1;
        }
        const v = service.versions[i];
        res = json(replayed ? 200 : 201, {
          receipt: {
            id: `r${i + 1}`,
            ministry: doc.ministry,
            version: i + 1,
            planId: doc.planId,
            planVersion: doc.planVersion,
            createdAt: v?.createdAt,
            state: 'submitted',
            errors: 0,
            warnings: 0,
            findings: [],
            replayed,
          },
        });
      } else if (url.pathname === '/api/returns') {
        res = json(200, {
          returns: service.versions
            .map(
              (v, i): ReturnSummary => ({
                id: `r${i + 1}`,
                ministry: service.ministry,
                version: i + 1,
                planId: v.doc.planId,
                planVersion: v.doc.planVersion,
                source: 'json',
                fileName: null,
                errorCount: 0,
                warningCount: 0,
                tokenLabel: `CPS ${service.ministry}`,
                createdAt: v.createdAt,
                state: 'submitted',
                reviewComment: null,
                reviewedAt: null,
                reviewedBy: null,
              }),
            )
            .reverse(),
        });
      } else
        res = json(404, { error: { code: 'not_found', messages: { fr: 'Introuvable', en: 'Not found' } } });
      if (service.loseAnswers) throw new TypeError('connection reset');
      return res;
    },
  };
  return service;
}
