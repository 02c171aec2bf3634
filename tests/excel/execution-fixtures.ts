/**
 * The execution follow-up routes (EXECUTION-API) added to the scripted service of ./pane-fixtures.ts,
 * for the pane's Node tests: the open periods, a return posted with an Idempotency-Key (same key →
 * the same receipt; refused with findings when `refuse` is set), and the ministry's latest return
 * with its review state and comment. Every request is recorded.
 */
import type { ExecutionDocument, Finding, PaneResponse } from '#core';
import type { ScriptedService } from './pane-fixtures.ts';

export interface ExecutionStandIn {
  periods: { key: string; year: number; deadline: string | null; closedAt: string | null }[];
  returns: { key: string; doc: ExecutionDocument; createdAt: string }[];
  review: { state: 'submitted' | 'returned' | 'accepted'; comment: string | null };
  /** When set, every POST is refused with these findings (422). */
  refuse: Finding[] | null;
}

const json = (status: number, body: unknown): PaneResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function withExecutionRoutes(service: ScriptedService): ExecutionStandIn {
  const standIn: ExecutionStandIn = {
    periods: [{ key: '2025', year: 2025, deadline: '2026-03-31', closedAt: null }],
    returns: [],
    review: { state: 'submitted', comment: null },
    refuse: null,
  };
  const planning = service.request.bind(service);
  const receipt = (i: number) => {
    const r = standIn.returns[i];
    if (!r) throw new Error(`no return ${i}`);
    return {
      id: `x${i + 1}`,
      ministry: r.doc.ministry,
      period: r.doc.period,
      version: i + 1,
      errorCount: 0,
      warningCount: 0,
      findings: [],
      createdAt: r.createdAt,
      planId: r.doc.planId,
      planVersion: r.doc.planVersion,
    };
  };
  service.request = async (req) => {
    const url = new URL(req.url);
    if (!url.pathname.startsWith('/api/periods')) return planning(req);
    service.requests.push(req);
    if (service.offline) throw new TypeError('Failed to fetch');
    if (url.pathname === '/api/periods')
      return json(200, {
        periods: standIn.periods.map((p) => ({
          planId: service.plan.plan.id,
          semester: null,
          openedAt: '2026-12-01T08:00:00Z',
          openedBy: 'SP',
          ...p,
        })),
      });
    const m = /^\/api\/periods\/([^/]+)\/returns(\/mine)?$/.exec(url.pathname);
    if (m && req.method === 'POST' && !m[2]) {
      if (standIn.refuse)
        return json(422, {
          error: {
            code: 'return_has_errors',
            status: 422,
            messages: { fr: 'Le suivi contient des erreurs.', en: 'The follow-up has errors.' },
            details: { findings: standIn.refuse },
          },
        });
      const key = req.headers['idempotency-key'] ?? '';
      let i = standIn.returns.findIndex((r) => r.key === key);
      if (i < 0) {
        standIn.returns.push({
          key,
          doc: JSON.parse(req.body ?? '{}') as ExecutionDocument,
          createdAt: new Date(Date.UTC(2027, 0, 10, 9, standIn.returns.length)).toISOString(),
        });
        i = standIn.returns.length - 1;
      }
      return json(201, { receipt: receipt(i) });
    }
    if (m?.[2]) {
      const last = standIn.returns.length - 1;
      return json(200, {
        latest:
          last < 0
            ? null
            : { ...receipt(last), state: standIn.review.state, comment: standIn.review.comment },
      });
    }
    return json(404, { error: { code: 'not_found', messages: { fr: 'Introuvable', en: 'Not found' } } });
  };
  return standIn;
}
