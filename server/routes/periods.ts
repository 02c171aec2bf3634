/**
 * /api/periods — the execution follow-up's reporting periods of a plan (`?plan=`, else the current
 * plan): the list (any token), opening one with its deadline and closing it (consolidator or
 * administrator), the « Exécution » workbook of a period for a ministry, and, for the consolidator,
 * how each ministry stands, the consolidation with the ministry × year heat table, and the review
 * workbook (one printed page per pillar). The returns themselves are ./execution-returns.ts.
 */
import { Hono } from 'hono';
import { buildExecutionSpec, jsonify, parsePeriodKey, periodKey } from '#core';
import { periodConsolidation, planHeat, reviewWorkbook } from '../execution/execution-consolidation.ts';
import { executionTerms, planMinistry, requestPeriod } from '../execution/plan-scope.ts';
import { MinistryQuery, PeriodBody } from '../http/api-schemas.ts';
import { requireRole } from '../http/auth.ts';
import { parseQuery, readJson } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { planOfRequest } from '../http/plan-scope.ts';
import { renderWorkbookBuffer } from '../xlsx/render-workbook.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx download. */
export function xlsxResponse(bytes: Uint8Array, fileName: string): Response {
  return new Response(new Blob([new Uint8Array(bytes)]), {
    headers: {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}

export function periodsRoutes({ store, plans, now }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const consolidator = requireRole('consolidator', 'admin');

  app.get('/', async (c) => {
    const loaded = await planOfRequest(c, plans);
    return c.json({ periods: await store.listPeriods(loaded.row.planId) });
  });

  app.post('/', consolidator, async (c) => {
    const loaded = await planOfRequest(c, plans);
    const body = await readJson(c, PeriodBody);
    const parsed = parsePeriodKey(body.key);
    if (!parsed) {
      const message =
        c.get('lang') === 'en'
          ? `"${body.key}": expected a year (2026) or a half-year (2026-S1, 2026-S2)`
          : `« ${body.key} » : attendu une année (2026) ou un semestre (2026-S1, 2026-S2)`;
      throw new ApiError(
        'invalid_request',
        {},
        { issues: [{ path: 'key', message, code: 'invalid_format' }] },
      );
    }
    const years = loaded.index.years;
    if (!years.includes(parsed.year))
      throw new ApiError('period_outside_plan', {
        year: parsed.year,
        plan: loaded.row.planId,
        years: years.join(', '),
      });
    const key = periodKey(parsed.year, parsed.semester);
    const result = await store.openPeriod(
      { planId: loaded.row.planId, key, ...parsed, deadline: body.deadline },
      c.get('caller').actor,
    );
    if (result.kind === 'exists') throw new ApiError('period_exists', { key, plan: loaded.row.planId });
    return c.json({ period: result.period }, 201);
  });

  app.post('/:key/close', consolidator, async (c) => {
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(store, loaded, c.req.param('key'));
    return c.json({ period: await store.closePeriod(loaded.row.planId, period.key, c.get('caller').actor) });
  });

  app.get('/:key/template.xlsx', async (c) => {
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(store, loaded, c.req.param('key'));
    const { token } = c.get('caller');
    const asked = parseQuery(MinistryQuery, c.req.query(), c.get('lang')).ministry;
    const ministry =
      token.role === 'ministry' ? token.ministry : asked ? planMinistry(loaded.index, asked) : null;
    const terms = executionTerms(loaded, period.year);
    const spec = buildExecutionSpec(loaded.index, {
      ministry,
      lang: c.get('lang'),
      period: period.key,
      generatedAt: now().toISOString(),
      planned: terms.planned,
      targets: terms.targets,
    });
    return xlsxResponse(
      await renderWorkbookBuffer(spec),
      `execution-${period.key}-${ministry ?? 'plan'}.xlsx`,
    );
  });

  app.get('/:key/status', consolidator, async (c) => {
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(store, loaded, c.req.param('key'));
    const [rows, attempts] = await Promise.all([
      store.executionReturns(loaded.row.planId, period.key),
      store.latestExecutionAttempts(loaded.row.planId, period.key),
    ]);
    const ministries = loaded.index.plan.ministries
      .filter((m) => m.returns)
      .map((m) => {
        // Rows come newest version first within a ministry.
        const latest = rows.find((r) => r.ministry === m.code);
        const attempt = attempts.find((a) => a.ministry === m.code);
        // A refusal newer than the latest version is what the ministry faces now.
        const refusal = attempt && (!latest || attempt.createdAt > latest.createdAt) ? attempt : null;
        return {
          ministry: m.code,
          name: m.name,
          state: latest?.state ?? (attempt ? 'refused' : 'not_started'),
          version: latest?.version ?? null,
          submittedAt: latest?.createdAt ?? null,
          errorCount: latest?.errorCount ?? 0,
          warningCount: latest?.warningCount ?? 0,
          returnId: latest?.id ?? null,
          lastRefusal: refusal ? { id: refusal.id, at: refusal.createdAt, errors: refusal.errorCount } : null,
        };
      });
    return c.json({ period, ministries });
  });

  app.get('/:key/consolidation', consolidator, async (c) => {
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(store, loaded, c.req.param('key'));
    const [consolidation, heat] = await Promise.all([
      periodConsolidation(store, loaded, period),
      planHeat(store, loaded),
    ]);
    return c.json({ period, consolidation: jsonify(consolidation), heat });
  });

  app.get('/:key/consolidated.xlsx', consolidator, async (c) => {
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(store, loaded, c.req.param('key'));
    const consolidation = await periodConsolidation(store, loaded, period);
    const bytes = await reviewWorkbook(consolidation, loaded, c.get('lang'), now().toISOString());
    return xlsxResponse(bytes, `pac-execution-${period.key}.xlsx`);
  });

  return app;
}
