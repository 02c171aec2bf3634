/**
 * /api/periods/:key/returns — ministries' execution returns for a period, as the planning returns
 * are taken (./returns.ts): a ministry sends its own as JSON or as the filled « Exécution »
 * workbook; a refused send is recorded as an attempt with its period (listed per ministry, each in
 * full at /api/returns/:ministry/attempts/:id); the ministry reads its latest
 * version and its state (with the consolidator's comment when returned); the consolidator reads any
 * version with its reviews and document, and accepts, returns with a comment, or reopens it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { executionTerms, requestPeriod, withdrawnActivities } from '../execution/plan-scope.ts';
import {
  checkExecutionSend,
  checkExecutionUpload,
  executionReceiptOf,
  type Sent,
  writeExecution,
} from '../execution/submit-execution.ts';
import { ExecutionReviewBody } from '../http/api-schemas.ts';
import { assertMinistryAccess, requireRole } from '../http/auth.ts';
import { limitBody, readJson, readJsonText } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { planOfRequest } from '../http/plan-scope.ts';
import { ATTEMPT_LIMITS, noteSending, recordRefusals } from '../returns/attempts.ts';
import type { ExecutionReturnRow, Store } from '../store/store.ts';
import { ACTION_WORDS, STATE_WORDS } from './returns.ts';

export function executionReturnRoutes({ store, plans, config, log, checker }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits = config.attemptLimits ?? ATTEMPT_LIMITS;

  /** The plan and open period a send is for: 404 for an unknown period, 409 for a closed one. */
  const sentFor = async (c: Context<AppEnv>): Promise<Sent> => {
    const key = c.req.param('key') ?? '';
    noteSending(c, { period: key });
    const loaded = await planOfRequest(c, plans);
    noteSending(c, { planId: loaded.row.planId });
    const period = await requestPeriod(store, loaded, key);
    if (period.closedAt !== null) throw new ApiError('period_closed', { key: period.key });
    return {
      store,
      plans,
      checker,
      loaded,
      period,
      terms: executionTerms(loaded, period.year),
      withdrawn: await withdrawnActivities(store, plans, loaded),
    };
  };

  app.post(
    '/:key/returns',
    requireRole('ministry'),
    recordRefusals(store, 'json', limits, log),
    limitBody(config.maxJsonBytes),
    async (c) => {
      const sent = await sentFor(c);
      const checked = await checkExecutionSend(c, sent, await readJsonText(c));
      const { receipt, replayed } = await writeExecution(sent, c.get('caller'), checked);
      return c.json({ receipt }, replayed ? 200 : 201);
    },
  );

  app.post(
    '/:key/returns/upload',
    requireRole('ministry'),
    recordRefusals(store, 'xlsx', limits, log),
    limitBody(config.maxUploadBytes),
    async (c) => {
      const sent = await sentFor(c);
      const checked = await checkExecutionUpload(c, sent, config);
      const { receipt, replayed } = await writeExecution(sent, c.get('caller'), checked);
      return c.json({ receipt }, replayed ? 200 : 201);
    },
  );

  app.get('/:key/returns/mine', requireRole('ministry'), async (c) => {
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(store, loaded, c.req.param('key'));
    const ministry = c.get('caller').token.ministry;
    const rows = await store.executionReturns(loaded.row.planId, period.key);
    const latest = rows.find((r) => r.ministry === ministry);
    return c.json({
      latest: latest
        ? {
            ...executionReceiptOf(latest),
            state: latest.state,
            comment: latest.reviewComment,
            reviewedAt: latest.reviewedAt,
          }
        : null,
    });
  });

  // A ministry's refused sends for the period, newest first (each in full at /api/returns/:ministry/attempts/:id).
  app.get('/:key/returns/:ministry/attempts', async (c) => {
    const ministry = c.req.param('ministry');
    assertMinistryAccess(c.get('caller'), ministry);
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(store, loaded, c.req.param('key'));
    const attempts = await store.executionAttempts(ministry, loaded.row.planId, period.key);
    return c.json({ ministry, period: period.key, attempts });
  });

  /** A version of the period's returns, by id; a ministry only its own. */
  const version = async (c: Context<AppEnv>, s: Store): Promise<ExecutionReturnRow> => {
    const loaded = await planOfRequest(c, plans);
    const period = await requestPeriod(s, loaded, c.req.param('key') ?? '');
    const id = c.req.param('id') ?? '';
    const row = await s.executionReturn(id);
    if (!row || row.planId !== loaded.row.planId || row.period !== period.key)
      throw new ApiError('not_found', {
        what: {
          fr: `retour d'exécution ${id} de la période ${period.key}`,
          en: `execution return ${id} of period ${period.key}`,
        },
      });
    assertMinistryAccess(c.get('caller'), row.ministry);
    return row;
  };

  app.get('/:key/returns/:id', async (c) => {
    const row = await version(c, store);
    const reviews = await store.executionReviews(row.id);
    return c.json({
      receipt: executionReceiptOf(row),
      state: row.state,
      reviews: reviews.map((r) => ({
        action: r.action,
        comment: r.comment,
        at: r.createdAt,
        by: r.tokenLabel,
      })),
      document: row.payload,
    });
  });

  app.post('/:key/returns/:id/review', requireRole('consolidator', 'admin'), async (c) => {
    const row = await version(c, store);
    const review = await readJson(c, ExecutionReviewBody);
    // Only the latest version is reviewed, as for planning returns; an older one may be reopened.
    const latest = (await store.executionReturns(row.planId, row.period)).find(
      (r) => r.ministry === row.ministry,
    );
    if (latest && latest.version !== row.version && review.action !== 'reopen')
      throw new ApiError('review_not_allowed', {
        action: ACTION_WORDS[review.action],
        state: {
          fr: `remplacée par la version ${latest.version}`,
          en: `replaced by version ${latest.version}`,
        },
      });
    const result = await store.addExecutionReview(
      { id: randomUUID(), returnId: row.id, action: review.action, comment: review.comment },
      c.get('caller').actor,
    );
    if (result.kind === 'not_found') throw new ApiError('not_found', { what: { fr: row.id, en: row.id } });
    if (result.kind === 'not_allowed')
      throw new ApiError('review_not_allowed', {
        action: ACTION_WORDS[review.action],
        state: STATE_WORDS[result.execution.state],
      });
    return c.json({ state: result.execution.state, review: result.review });
  });

  return app;
}
