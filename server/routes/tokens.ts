/**
 * /api/tokens — access tokens (administrator only): list them (never their secrets), create one
 * for a role (a ministry token is bound to one ministry of a hosted plan — the request's plan first,
 * then the others —, and reaches every plan where that ministry has activities), revoke one. The new token is
 * in the creation response and nowhere else: it is stored hashed.
 */
import { Hono } from 'hono';
import { createToken, returningMinistries } from '../auth/create-token.ts';
import { NewTokenBody } from '../http/api-schemas.ts';
import { requireRole } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { planOfRequest } from '../http/plan-scope.ts';

export function tokenRoutes({ store, plans }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin'));

  app.get('/', async (c) => c.json({ tokens: await store.listTokens() }));

  app.post('/', async (c) => {
    const body = await readJson(c, NewTokenBody);
    const current = await planOfRequest(c, plans);
    const { ministry } = body;
    const knowing =
      ministry === undefined
        ? current
        : ([current, ...(await plans.all())].find((p) =>
            returningMinistries(p.index).includes(p.index.resolveMinistry(ministry)?.[0] ?? ''),
          ) ?? current);
    const created = await createToken(store, knowing.index, body, c.get('caller').actor);
    if (!created.ok) {
      const known = returningMinistries(current.index).join(', ');
      throw new ApiError(
        'invalid_request',
        {},
        {
          issues: [
            {
              path: 'ministry',
              message:
                c.get('lang') === 'en'
                  ? `ministry unknown to the plan: ${created.unknownMinistry} (known: ${known})`
                  : `ministère inconnu du plan : ${created.unknownMinistry} (connus : ${known})`,
              code: 'invalid_value',
            },
          ],
        },
      );
    }
    return c.json({ token: created.token, secret: created.secret }, 201);
  });

  app.post('/:id/revoke', async (c) => {
    const row = await store.revokeToken(c.req.param('id'), c.get('caller').actor);
    if (!row) {
      const id = c.req.param('id');
      throw new ApiError('not_found', { what: { fr: `jeton ${id}`, en: `token ${id}` } });
    }
    return c.json({ token: row });
  });

  return app;
}
