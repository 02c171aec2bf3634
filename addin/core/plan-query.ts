/**
 * The `?plan=` every call to the service carries once a plan is chosen among several hosted ones
 * (the pane's ./pane/plan-choice.ts, the dashboard): apart, and without imports, so that the
 * dashboard's bundle takes this one function and nothing else of the core.
 */

/**
 * The path with `?plan=` added, for every call but the list of plans itself; no plan chosen: the
 * service's default plan answers, as before there were several.
 */
export function withPlan(path: string, plan: string | null | undefined): string {
  if (!plan || !path.startsWith('/api/') || path.startsWith('/api/plans')) return path;
  // A call that names its plan itself (the execution page's) keeps it.
  if (/[?&]plan=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}plan=${encodeURIComponent(plan)}`;
}
