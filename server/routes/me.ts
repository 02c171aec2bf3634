/**
 * /api/me — who the token is: role, ministry and label, so that a pane can say "connecté en tant
 * que CPS MARCC" and a dashboard can tell a consolidator from a ministry. Also the plan in force.
 */
import { Hono } from 'hono';
import type { Me } from '#core';
import type { AppEnv, RouteDeps } from '../http/context.ts';

export function meRoutes({ plans }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const { token } = c.get('caller');
    const current = await plans.current();
    const ministry = token.ministry
      ? { code: token.ministry, name: current?.index.ministryName(token.ministry) ?? token.ministry }
      : null;
    return c.json({
      role: token.role,
      label: token.label,
      ministry,
      plan: current ? { id: current.row.planId, version: current.row.version, etag: current.row.etag } : null,
    } satisfies Me);
  });
  return app;
}
