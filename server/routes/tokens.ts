/**
 * /api/tokens — access tokens (administrator only): list them (never their secrets), create one
 * for a role (a ministry token is bound to one ministry of the plan), revoke one. The new token is
 * in the creation response and nowhere else: it is stored hashed.
 */
import { Hono } from 'hono';
import { issueToken } from '../auth/tokens.ts';
import { NewTokenBody } from '../http/api-schemas.ts';
import type { RouteDeps } from '../http/app.ts';
import { requireRole } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';

export function tokenRoutes({ store, plans }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));

  app.get('/', async (c) => c.json({ tokens: await store.listTokens() }));

  app.post('/', async (c) => {
    const body = await readJson(c, NewTokenBody);
    let ministry: string | null = null;
    if (body.ministry) {
      const current = await plans.current();
      ministry = current?.index.resolveMinistry(body.ministry)?.[0] ?? null;
      if (!ministry || !current?.index.plan.ministries.some((m) => m.code === ministry && m.returns)) {
        throw new ApiError(
          'invalid_request',
          {},
          {
            issues: [
              {
                path: 'ministry',
                message: `ministère inconnu du plan : ${body.ministry}`,
                code: 'invalid_value',
              },
            ],
          },
        );
      }
    }
    const issued = issueToken();
    const row = await store.createToken(
      {
        id: issued.id,
        hash: issued.hash,
        role: body.role,
        ministry,
        label: body.label,
        expiresAt: body.expiresAt ?? null,
      },
      c.get('caller').actor,
    );
    return c.json({ token: row, secret: issued.token }, 201);
  });

  app.post('/:id/revoke', async (c) => {
    const row = await store.revokeToken(c.req.param('id'), c.get('caller').actor);
    if (!row) throw new ApiError('not_found', { what: `jeton ${c.req.param('id')}` });
    return c.json({ token: row });
  });

  return app;
}
