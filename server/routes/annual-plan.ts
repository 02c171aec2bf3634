/**
 * /api/annual-plan/:year.xlsx — the yearly action plan (« plan d'action annuel ») of the plan
 * (`?plan=`, else the current one): the activities planned in that year with their amount and
 * responsible ministry, a printable sheet per ministry and a summary (core annualPlanSpec). Any
 * token; a ministry token gets its own ministry's sheet only, the others the whole workbook or one
 * ministry's sheet with `?ministry=`.
 */
import { Hono } from 'hono';
import { annualPlanSpec } from '#core';
import { planMinistry, plannedFor, requestPlan } from '../execution/plan-scope.ts';
import { MinistryQuery } from '../http/api-schemas.ts';
import { parseQuery } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { ApiError, same } from '../http/errors.ts';
import { renderWorkbookBuffer } from '../xlsx/render-workbook.ts';
import { xlsxResponse } from './periods.ts';

export function annualPlanRoutes({ store, plans, now }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:file', async (c) => {
    const file = c.req.param('file');
    const m = /^(\d{4})\.xlsx$/.exec(file);
    if (!m) throw new ApiError('not_found', { what: same(`/api/annual-plan/${file}`) });
    const year = Number(m[1]);
    const loaded = await requestPlan(c, store, plans);
    const years = loaded.index.years;
    if (!years.includes(year))
      throw new ApiError('period_outside_plan', { year, plan: loaded.row.planId, years: years.join(', ') });
    const { token } = c.get('caller');
    const asked = parseQuery(MinistryQuery, c.req.query(), c.get('lang')).ministry;
    const ministry =
      token.role === 'ministry' ? token.ministry : asked ? planMinistry(loaded.index, asked) : null;
    const spec = annualPlanSpec(loaded.index, year, plannedFor(loaded.index, year), {
      lang: c.get('lang'),
      generatedAt: now().toISOString(),
    });
    if (ministry !== null) {
      // The summary names every ministry: one ministry gets its own sheet only.
      spec.sheets = spec.sheets.filter((s) => s.name === ministry.slice(0, 31));
      if (spec.sheets.length === 0)
        throw new ApiError('not_found', {
          what: {
            fr: `activité de ${ministry} prévue en ${year}`,
            en: `activity of ${ministry} planned in ${year}`,
          },
        });
    }
    const bytes = await renderWorkbookBuffer(spec);
    return xlsxResponse(bytes, `plan-annuel-${year}${ministry ? `-${ministry}` : ''}.xlsx`);
  });

  return app;
}
