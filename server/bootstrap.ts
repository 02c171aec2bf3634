/**
 * What a fresh database needs before the service can answer: the shipped PNLEVT plan as the
 * first published version, and — on first start only — an administrator token, returned once so
 * that it can be shown once. Safe when several instances start at the same time.
 */
import { issueToken } from './auth/tokens.ts';
import { shippedPlan } from './plan/shipped-plan.ts';
import { type Actor, PlanVersionExistsError, type Store } from './store/store.ts';

const SYSTEM: Actor = { tokenId: null, label: 'démarrage du service', role: 'system' };

export interface Bootstrap {
  seededPlan: string | null;
  /** The new administrator token, only on the very first start. */
  adminToken: string | null;
}

export async function bootstrap(store: Store): Promise<Bootstrap> {
  let seededPlan: string | null = null;
  if (!(await store.currentPlan())) {
    const { plan } = shippedPlan();
    try {
      await store.publishPlan(plan, SYSTEM);
      seededPlan = `${plan.plan.id} v${plan.plan.version}`;
    } catch (error) {
      if (!(error instanceof PlanVersionExistsError)) throw error;
    }
  }
  const issued = issueToken();
  const created = await store.createFirstToken(
    {
      id: issued.id,
      hash: issued.hash,
      role: 'admin',
      ministry: null,
      label: 'Administrateur (premier démarrage)',
      expiresAt: null,
    },
    SYSTEM,
  );
  return { seededPlan, adminToken: created ? issued.token : null };
}
