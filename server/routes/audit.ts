/** /api/audit — the audit log, newest first, paged with ?before=<id> (administrator, consolidator). */
import { Hono } from 'hono';
import { AuditQuery } from '../http/api-schemas.ts';
import { requireRole } from '../http/auth.ts';
import { parseQuery } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';

export function auditRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', requireRole('admin', 'consolidator'), async (c) => {
    const query = parseQuery(AuditQuery, c.req.query(), c.get('lang'));
    return c.json({ entries: await store.audit(query) });
  });
  return app;
}
