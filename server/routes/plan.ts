/**
 * /api/plan — one hosted plan (?plan=, else the default plan: ../http/plan-scope.ts): the current
 * version (whole, or one ministry's part with ?ministry=), its history, any version by number, and
 * publishing a new version (administrator; the plan it names, which may be a new one).
 * Responses carry an ETag so that the add-ins refresh cheaply with If-None-Match (304).
 */
import { type Context, Hono } from 'hono';
import { Plan, planForMinistry } from '#core';
import { PlanQuery } from '../http/api-schemas.ts';
import { requireRole } from '../http/auth.ts';
import { parseQuery, readJson } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { ApiError, type Wording } from '../http/errors.ts';
import { matchesEtag } from '../http/etag.ts';
import { planOfRequest } from '../http/plan-scope.ts';
import type { LoadedPlan } from '../plan/plan-cache.ts';
import { PlanVersionExistsError } from '../store/store.ts';

/** The plan (or a ministry's part) with an ETag that differs per representation. */
function representation(loaded: LoadedPlan, ministryArg: string | undefined) {
  const tag = loaded.row.etag.replace(/"/g, '');
  if (!ministryArg) return { etag: `"${tag}"`, body: loaded.index.plan };
  const ministry = loaded.index.resolveMinistry(ministryArg)?.[0];
  if (!ministry) {
    throw new ApiError('not_found', {
      what: { fr: `ministère « ${ministryArg} »`, en: `ministry "${ministryArg}"` },
    });
  }
  return { etag: `"${tag}:${ministry}"`, body: planForMinistry(loaded.index.plan, ministry) };
}

export function planRoutes({ store, plans, onChange }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const send = (loaded: LoadedPlan | null, what: Wording, c: Context<AppEnv>) => {
    if (!loaded) throw new ApiError('not_found', { what });
    const { ministry } = parseQuery(PlanQuery, c.req.query(), c.get('lang'));
    const { etag, body } = representation(loaded, ministry);
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    return Response.json({ version: loaded.row, plan: body }, { headers });
  };

  app.get('/', async (c) =>
    send(await planOfRequest(c, plans), { fr: 'plan en vigueur', en: 'current plan' }, c),
  );

  app.get('/versions', async (c) => {
    const { planId } = (await planOfRequest(c, plans)).row;
    return c.json({ versions: (await store.listPlanVersions()).filter((v) => v.planId === planId) });
  });

  app.get('/versions/:version', async (c) => {
    const version = c.req.param('version');
    const { planId } = (await planOfRequest(c, plans)).row;
    return send(
      await plans.version(version, planId),
      { fr: `version ${version} du plan`, en: `plan version ${version}` },
      c,
    );
  });

  app.post('/versions', requireRole('admin'), async (c) => {
    const plan = await readJson(c, Plan);
    try {
      const row = await store.publishPlan(plan, c.get('caller').actor);
      onChange({ kind: 'plan' });
      return c.json({ version: row }, 201);
    } catch (error) {
      if (error instanceof PlanVersionExistsError)
        throw new ApiError('plan_version_exists', { version: error.version });
      throw error;
    }
  });

  return app;
}
