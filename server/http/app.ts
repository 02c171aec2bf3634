/**
 * The sync service as a Hono app: one route module per resource under /api, authentication on
 * everything but health and the OpenAPI document, and one error handler that turns every error
 * into the catalogue's JSON (never an HTML page, never a stack trace). Built from its
 * dependencies so that tests run it in-process through `app.request()`.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PlanCache } from '../plan/plan-cache.ts';
import { inThread } from '../returns/check-threads.ts';
import { annualPlanRoutes } from '../routes/annual-plan.ts';
import { auditRoutes } from '../routes/audit.ts';
import { consolidatedRoutes } from '../routes/consolidated.ts';
import { dashboardRoutes } from '../routes/dashboard.ts';
import { executionReturnRoutes } from '../routes/execution-returns.ts';
import { helpRoutes } from '../routes/help.ts';
import { indicatorRoutes } from '../routes/indicators.ts';
import { meRoutes } from '../routes/me.ts';
import { periodsRoutes } from '../routes/periods.ts';
import { planRoutes } from '../routes/plan.ts';
import { plansRoutes } from '../routes/plans.ts';
import { returnsRoutes } from '../routes/returns.ts';
import { addinRoutes } from '../routes/static.ts';
import { statusRoutes } from '../routes/status.ts';
import { tokenRoutes } from '../routes/tokens.ts';
import { StoreUnavailableError } from '../store/store-errors.ts';
import { authenticate } from './auth.ts';
import type { AppDeps, AppEnv, RouteDeps } from './context.ts';
import { ApiError, errorBody, requestLang, same } from './errors.ts';
import { openApiDocument } from './openapi.ts';

/** The store's own failures (full disk, locked, unreachable: store-errors.ts) as the catalogue says them. */
function storeFailure(error: StoreUnavailableError): ApiError {
  const retryAfter = { 'Retry-After': String(error.retryAfterSeconds) };
  if (error.kind === 'disk_full') return new ApiError('storage_full', {}, undefined, retryAfter);
  if (error.kind === 'busy')
    return new ApiError('database_busy', { retry: error.retryAfterSeconds }, undefined, retryAfter);
  return new ApiError('unavailable', {}, undefined, retryAfter);
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const log = deps.log ?? ((m: string) => console.error(m));
  const routeDeps: RouteDeps = {
    store: deps.store,
    config: deps.config,
    now: deps.now ?? (() => new Date()),
    onChange: deps.onChange ?? (() => {}),
    log,
    plans: new PlanCache(deps.store, deps.config.defaultPlan),
    checker: deps.checker ?? inThread,
  };
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('lang', requestLang(c.req.query('lang'), c.req.header('accept-language')));
    await next();
  });

  // Every API answer is JSON (or a file download): a browser must never guess it is something else.
  // Set before the answer is made, so that c.json takes it with its own headers: set afterwards, on
  // a finished answer, Hono rebuilds the answer around a stream, which costs more than the checks
  // of a small request. A handler's own Response (a download) gets it afterwards.
  app.use('/api/*', async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    if (!c.res.headers.has('X-Content-Type-Options')) c.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/api/health', async (c) => {
    const plan = await routeDeps.plans.current();
    return c.json({
      ok: true,
      database: deps.store.dialect,
      plan: plan ? { id: plan.row.planId, version: plan.row.version } : null,
    });
  });
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  app.use('/api/*', authenticate(deps.store, routeDeps.now));
  app.route('/api/me', meRoutes(routeDeps));
  app.route('/api/plan', planRoutes(routeDeps));
  app.route('/api/plans', plansRoutes(routeDeps));
  app.route('/api/returns', returnsRoutes(routeDeps));
  app.route('/api/status', statusRoutes(routeDeps));
  app.route('/api/consolidated', consolidatedRoutes(routeDeps));
  app.route('/api/tokens', tokenRoutes(routeDeps));
  app.route('/api/audit', auditRoutes(routeDeps));
  // The execution follow-up: periods, their returns, the annual plan, the indicators' targets.
  app.route('/api/periods', periodsRoutes(routeDeps));
  app.route('/api/periods', executionReturnRoutes(routeDeps));
  app.route('/api/annual-plan', annualPlanRoutes(routeDeps));
  app.route('/api/plan/indicators', indicatorRoutes(routeDeps));
  app.route(
    '/addin',
    addinRoutes({
      dir: deps.addinDir,
      publicUrl: deps.config.publicUrl,
      addinId: deps.config.addinId,
      sourceMaps: deps.config.sourceMaps ?? true,
    }),
  );
  app.route('/', helpRoutes({ publicUrl: deps.config.publicUrl, contact: deps.config.contact }));
  app.route('/', dashboardRoutes());

  app.notFound((c) => {
    const error = new ApiError('not_found', { what: same(`${c.req.method} ${c.req.path}`) });
    return c.json(errorBody(error, c.get('lang') ?? 'fr'), 404);
  });

  app.onError((err, c) => {
    const lang = c.get('lang') ?? 'fr';
    let error: ApiError;
    if (err instanceof ApiError) error = err;
    else if (err instanceof HTTPException && err.status < 500)
      error = new ApiError('invalid_request', {}, { reason: err.message });
    else if (err instanceof StoreUnavailableError) error = storeFailure(err);
    else {
      const ref = randomUUID().slice(0, 8);
      log(
        `[${ref}] ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      error = new ApiError('internal', { ref });
    }
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(errorBody(error, lang), error.status);
  });

  return app;
}
