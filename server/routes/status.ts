/**
 * /api/status — how the exercise stands, per ministry expected to send a return: its latest
 * version, when and by whom, its state (not started, refused — only refused sends so far —,
 * submitted, returned, accepted), error and warning counts, its last refused send (when, why, how
 * many errors, and whether it came after the latest version), the activities that still have no
 * costed line, and whether it is late; plus the Google Sheet mirror's state when one is
 * configured (for the default plan, the one it copies). A ministry token sees only its own row.
 * For one plan: ?plan= or the default plan.
 */
import { Hono } from 'hono';
import { consolidationInputFromStore, consolidationOf } from '../consolidation/consolidated-workbook.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { planOfRequest } from '../http/plan-scope.ts';
import { mirrorStatus } from '../mirror/mirror.ts';

export function statusRoutes({ store, plans, config, now }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const current = await planOfRequest(c, plans);
    const [input, attempts] = await Promise.all([
      consolidationInputFromStore(store, current.index),
      store.latestAttempts(current.row.planId),
    ]);
    const lastAttempts = new Map(attempts.map((a) => [a.ministry, a]));
    const consolidation = consolidationOf(input);
    const latest = new Map(input.latest.map((r) => [r.ministry, r]));
    const summaries = new Map(input.log.map((s) => [`${s.ministry}/${s.version}`, s]));
    const at = now().toISOString();
    const deadline = config.deadline ?? null;
    const caller = c.get('caller').token;
    const ministries = consolidation.completeness.byMinistry
      .filter((m) => caller.role !== 'ministry' || m.ministry === caller.ministry)
      .map((m) => {
        const l = latest.get(m.ministry);
        const row = l ? summaries.get(`${m.ministry}/${l.version}`) : undefined;
        const attempt = lastAttempts.get(m.ministry);
        const state = row?.state ?? (attempt ? 'refused' : 'not_started');
        const done = state === 'submitted' || state === 'accepted';
        return {
          ministry: m.ministry,
          name: m.name,
          state,
          version: l?.version ?? null,
          submittedAt: l?.createdAt ?? null,
          submittedBy: l?.tokenLabel ?? null,
          errors: row?.errorCount ?? 0,
          warnings: row?.warningCount ?? 0,
          reviewComment: row?.reviewComment ?? null,
          reviewedAt: row?.reviewedAt ?? null,
          lastAttempt: attempt
            ? {
                id: attempt.id,
                at: attempt.createdAt,
                code: attempt.code,
                messages: attempt.messages,
                errors: attempt.errorCount,
                warnings: attempt.warningCount,
                // A refusal older than the latest version is history; a newer one is news.
                afterLatestVersion: !l || attempt.createdAt > l.createdAt,
              }
            : null,
          activities: m.activities,
          missing: m.missing,
          late: deadline !== null && at > deadline && !done,
        };
      });
    return c.json({
      plan: { id: current.row.planId, version: current.row.version },
      generatedAt: at,
      deadline,
      totals: {
        ministries: ministries.length,
        notStarted: ministries.filter((m) => m.state === 'not_started').length,
        refused: ministries.filter((m) => m.state === 'refused').length,
        submitted: ministries.filter((m) => m.state === 'submitted').length,
        returned: ministries.filter((m) => m.state === 'returned').length,
        accepted: ministries.filter((m) => m.state === 'accepted').length,
        late: ministries.filter((m) => m.late).length,
        /** Ministries whose last send, after their latest version if any, was refused. */
        lastSendRefused: ministries.filter((m) => m.lastAttempt?.afterLatestVersion).length,
      },
      ministries,
      // The mirror copies the default plan's consolidated workbook: another plan's status has none.
      mirror:
        caller.role === 'ministry' || current.row.planId !== (await plans.current())?.row.planId
          ? null
          : await mirrorStatus(store, { now: now().getTime() }),
    });
  });
  return app;
}
