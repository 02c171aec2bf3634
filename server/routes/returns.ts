/**
 * /api/returns — ministries' returns. A ministry submits its lines as JSON (what the add-ins send)
 * or uploads the filled .xlsx; both go through the same checks (../returns/submit.ts), and a
 * refused send is recorded as an attempt (../returns/attempts.ts). Everyone reads the list and
 * each version with its findings and reviews, and the refused attempts with theirs (a ministry
 * only its own); the consolidator accepts, returns with a comment, or reopens a version; any two
 * versions can be compared.
 */
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { diffReturns, parsedReturnFromJson, type ReturnSummary, returnDiffJson } from '#core';
import { DiffQuery, ListQuery, ReviewBody } from '../http/api-schemas.ts';
import { assertMinistryAccess, requireRole } from '../http/auth.ts';
import { limitBody, parseQuery, readJson, readJsonText } from '../http/body.ts';
import type { AppEnv, Caller, RouteDeps } from '../http/context.ts';
import { ApiError, same, type Wording } from '../http/errors.ts';
import { planOfRequest } from '../http/plan-scope.ts';
import { ATTEMPT_LIMITS, noteSending, recordRefusals } from '../returns/attempts.ts';
import { clientKeyOf, receiptOf, submitChecked, submitReturn } from '../returns/submit.ts';
import { uploadedReturn } from '../returns/upload.ts';
import type { ReturnState, ReviewAction, Store, SubmissionRow } from '../store/store.ts';

/** A review's action and a version's state as the refusal's message says them. */
export const ACTION_WORDS: Record<ReviewAction, Wording> = {
  accept: { fr: 'accepter', en: 'accept' },
  return: { fr: 'renvoyer', en: 'return' },
  reopen: { fr: 'rouvrir', en: 'reopen' },
};
export const STATE_WORDS: Record<ReturnState, Wording> = {
  submitted: { fr: 'soumise', en: 'submitted' },
  returned: { fr: 'renvoyée', en: 'returned' },
  accepted: { fr: 'acceptée', en: 'accepted' },
};

/** A version of a ministry's return on the plan `planId`: another plan's return is not found here. */
async function version(
  store: Store,
  caller: Caller,
  planId: string,
  ministry: string,
  versionText: string,
): Promise<SubmissionRow> {
  assertMinistryAccess(caller, ministry);
  // Digits only, and within the database's INTEGER: "1e3", "0x10" or 10^23 name no version.
  const number = /^\d{1,9}$/.test(versionText) ? Number(versionText) : 0;
  const row = number > 0 ? await store.submissionByVersion(ministry, number, planId) : null;
  if (!row)
    throw new ApiError('not_found', {
      what: {
        fr: `version ${versionText} du retour de ${ministry}`,
        en: `version ${versionText} of ${ministry}'s return`,
      },
    });
  return row;
}

/** The request's ?plan=, carried into the Location of a new version. */
function planParam(c: Context<AppEnv>): string {
  const plan = c.req.query('plan')?.trim();
  return plan ? `?plan=${encodeURIComponent(plan)}` : '';
}

export function returnsRoutes({ store, plans, config, onChange, log, checker }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits = config.attemptLimits ?? ATTEMPT_LIMITS;

  app.post(
    '/',
    requireRole('ministry'),
    recordRefusals(store, 'json', limits, log),
    limitBody(config.maxJsonBytes),
    async (c) => {
      const current = await planOfRequest(c, plans);
      noteSending(c, { planId: current.row.planId });
      const text = await readJsonText(c);
      // Parsed and checked off the event loop (../returns/check-threads.ts); refused here, in order.
      const checked = await checker.checkJson(text, c.get('lang'), current);
      if (checked.kind === 'bad_json') throw new ApiError('bad_json');
      if (checked.kind === 'invalid') throw new ApiError('invalid_request', {}, { issues: checked.issues });
      noteSending(c, { planId: checked.planId, planVersion: checked.planVersion });
      const caller = c.get('caller');
      const { ministry } = checked;
      // A ministry token sends only its own return.
      assertMinistryAccess(caller, ministry);
      const receipt = await submitChecked(store, plans, caller, current, {
        ...checked,
        source: 'json',
        fileName: null,
        file: null,
        // The key is kept apart from the content, so that a retry that sends it in the body or in
        // the header is the same submission.
        clientKey: clientKeyOf(c.req.header('idempotency-key'), checked.clientId ?? undefined),
      });
      if (!receipt.replayed) onChange({ kind: 'submission', ministry });
      c.header('Location', `/api/returns/${ministry}/${receipt.version}${planParam(c)}`);
      return c.json({ receipt }, receipt.replayed ? 200 : 201);
    },
  );

  app.post(
    '/upload',
    requireRole('ministry'),
    recordRefusals(store, 'xlsx', limits, log),
    limitBody(config.maxUploadBytes),
    async (c) => {
      const caller = c.get('caller');
      const current = await planOfRequest(c, plans);
      noteSending(c, { planId: current.row.planId });
      const incoming = await uploadedReturn(c, plans, current, caller, config, checker);
      const receipt = await submitReturn(store, plans, caller, current, incoming);
      if (!receipt.replayed) onChange({ kind: 'submission', ministry: incoming.ministry });
      c.header('Location', `/api/returns/${incoming.ministry}/${receipt.version}${planParam(c)}`);
      return c.json({ receipt }, receipt.replayed ? 200 : 201);
    },
  );

  app.get('/', async (c) => {
    const caller = c.get('caller');
    const { ministry } = parseQuery(ListQuery, c.req.query(), c.get('lang'));
    const own = caller.token.role === 'ministry' ? (caller.token.ministry ?? undefined) : undefined;
    if (ministry && own) assertMinistryAccess(caller, ministry);
    const { planId } = (await planOfRequest(c, plans)).row;
    const returns: ReturnSummary[] = await store.listSubmissions({ planId, ministry: own ?? ministry });
    return c.json({ returns });
  });

  // Before /:ministry/:version, which would otherwise take "attempts" for a version number.
  app.get('/:ministry/attempts', async (c) => {
    const ministry = c.req.param('ministry');
    assertMinistryAccess(c.get('caller'), ministry);
    const { planId } = (await planOfRequest(c, plans)).row;
    return c.json({ ministry, attempts: await store.listAttempts(ministry, planId) });
  });

  app.get('/:ministry/attempts/:id', async (c) => {
    const ministry = c.req.param('ministry');
    assertMinistryAccess(c.get('caller'), ministry);
    const { planId } = (await planOfRequest(c, plans)).row;
    const found = await store.attempt(ministry, c.req.param('id'));
    // Another plan's attempt is not found here; one whose plan is unknown shows everywhere.
    const attempt = found && (found.planId === null || found.planId === planId) ? found : null;
    if (!attempt) {
      const id = c.req.param('id');
      throw new ApiError('not_found', {
        what: {
          fr: `envoi refusé ${id} de ${ministry} (seuls les derniers sont gardés)`,
          en: `refused submission ${id} of ${ministry} (only the latest ones are kept)`,
        },
      });
    }
    return c.json({ attempt });
  });

  app.get('/:ministry/diff', async (c) => {
    const caller = c.get('caller');
    const ministry = c.req.param('ministry');
    const { from, to } = parseQuery(DiffQuery, c.req.query(), c.get('lang'));
    const current = await planOfRequest(c, plans);
    const [a, b] = await Promise.all([
      version(store, caller, current.row.planId, ministry, String(from)),
      version(store, caller, current.row.planId, ministry, String(to)),
    ]);
    const years = current.index.years;
    const lines = (row: SubmissionRow) => parsedReturnFromJson(row.payload, years).parsed.lines;
    return c.json({ ministry, from, to, diff: returnDiffJson(diffReturns(lines(a), lines(b))) });
  });

  /** The version the path names, on the request's plan. */
  const named = async (c: Context<AppEnv>) =>
    version(
      store,
      c.get('caller'),
      (await planOfRequest(c, plans)).row.planId,
      c.req.param('ministry') ?? '',
      c.req.param('version') ?? '',
    );

  app.get('/:ministry/:version', async (c) => {
    const row = await named(c);
    return c.json({ return: row, receipt: receiptOf(row, false), reviews: await store.reviews(row.id) });
  });

  app.get('/:ministry/:version/file', async (c) => {
    const row = await named(c);
    const file = await store.submissionFile(row.id);
    if (!file)
      throw new ApiError('not_found', {
        what: {
          fr: `fichier de la version ${row.version} (retour envoyé en JSON)`,
          en: `file of version ${row.version} (return sent as JSON)`,
        },
      });
    const name = row.fileName ?? `retour-${row.ministry}-v${row.version}.xlsx`;
    return new Response(new Blob([new Uint8Array(file)]), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
      },
    });
  });

  app.post('/:ministry/:version/review', requireRole('consolidator'), async (c) => {
    const row = await named(c);
    const review = await readJson(c, ReviewBody);
    const [latest] = await store.listSubmissions({ planId: row.planId, ministry: row.ministry, limit: 1 });
    if (latest && latest.version !== row.version && review.action !== 'reopen') {
      throw new ApiError('review_not_allowed', {
        action: ACTION_WORDS[review.action],
        state: {
          fr: `remplacée par la version ${latest.version}`,
          en: `replaced by version ${latest.version}`,
        },
      });
    }
    const result = await store.addReview(
      { id: randomUUID(), submissionId: row.id, ...review },
      c.get('caller').actor,
    );
    if (result.kind === 'not_found')
      throw new ApiError('not_found', { what: same(`version ${row.version}`) });
    if (result.kind === 'not_allowed') {
      if (result.submission.state === 'accepted') {
        throw new ApiError('version_locked', { ministry: row.ministry, version: row.version });
      }
      throw new ApiError('review_not_allowed', {
        action: ACTION_WORDS[review.action],
        state: STATE_WORDS[result.submission.state],
      });
    }
    onChange({ kind: 'review', ministry: row.ministry });
    return c.json({ review: result.review, return: result.submission });
  });

  return app;
}
