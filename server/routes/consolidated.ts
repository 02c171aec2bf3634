/**
 * /api/consolidated — the consolidation of the latest returns against the plan: as JSON (the
 * dashboard's tables and charts) and as the consolidated workbook (.xlsx), rebuilt from the data
 * on every request: it is derived, never a source of truth. Consolidator and administrator only.
 */
import { type Context, Hono } from 'hono';
import { consolidationJson } from '#core';
import {
  buildConsolidatedXlsx,
  consolidationInputFromStore,
  consolidationOf,
} from '../consolidation/consolidated-workbook.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { planOfRequest } from '../http/plan-scope.ts';

export function consolidatedRoutes({ store, plans }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('consolidator', 'admin'));

  const input = async (c: Context<AppEnv>) => {
    const current = await planOfRequest(c, plans);
    return consolidationInputFromStore(store, current.index);
  };

  app.get('/', async (c) => c.json(consolidationJson(consolidationOf(await input(c)))));

  app.get('/workbook.xlsx', async (c) => {
    const lang = c.get('lang');
    const data = await input(c);
    const bytes = await buildConsolidatedXlsx(data, lang);
    const stamp = (data.latest.length > 0 ? data.log[0]?.createdAt : null)?.slice(0, 10) ?? 'vide';
    return new Response(new Blob([new Uint8Array(bytes)]), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="pac-consolide-${stamp}.xlsx"`,
        'Cache-Control': 'no-store',
      },
    });
  });
  return app;
}
