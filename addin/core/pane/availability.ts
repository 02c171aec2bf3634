/**
 * What stops each of the pane's buttons from working right now, read from the pane's state: the
 * markup disables a button that has a blocker and says why beside it, instead of letting the
 * person click and read a refusal. The rules follow what the controller's actions need (see
 * ./controller.ts): a workbook to act on, the service for what only it can give (the ministry, a
 * fresh plan, receiving a return), a template before a check, a plan kept on the machine for a
 * check done offline.
 */
import type { PaneState } from './controller.ts';

/**
 * host: no spreadsheet to act on (the page opened outside Excel or Sheets); hostTooOld: an Excel
 * without the API PAC needs; connection: needs the service now; ministry: the token is not a
 * ministry's; sheet: the workbook is not a PAC template yet; plan: no plan kept on this machine.
 */
export type Blocker = 'host' | 'hostTooOld' | 'connection' | 'ministry' | 'sheet' | 'plan';

/** The order reasons are shown in: the spreadsheet, the service, then the sheet, then the plan. */
export const BLOCKERS: readonly Blocker[] = ['host', 'hostTooOld', 'connection', 'ministry', 'sheet', 'plan'];

export type PaneAction = 'connect' | 'setup' | 'convert' | 'check' | 'submit' | 'retry' | 'fix';

export type Availability = Readonly<Record<PaneAction, readonly Blocker[]>>;

export function availability(s: PaneState): Availability {
  const host: Blocker[] = s.hostProblem === 'tooOld' ? ['hostTooOld'] : s.hostProblem ? ['host'] : [];
  const c = s.connection;
  const connected = c.status === 'connected';
  /** The ministry the service knows the token as: what a new sheet and a conversion are made for. */
  const ministry: Blocker[] = !connected ? ['connection'] : c.ministry ? [] : ['ministry'];
  // Read before the workbook is known ('unknown'): nothing to say yet.
  const sheet: Blocker[] = s.workbook.kind === 'empty' || s.workbook.kind === 'legacy' ? ['sheet'] : [];
  const plan: Blocker[] = s.plan ? [] : ['plan'];
  const template = s.workbook.kind === 'template';
  // A return is kept and sent later when the service is unreachable, but it needs a token that works.
  const token: Blocker[] = !c.hasToken || c.status === 'refused' ? ['connection'] : [];
  const submitMinistry: Blocker[] = connected && !c.ministry ? ['ministry'] : [];
  // In Sheets the service is reached through the host: no host, no service either.
  const service: Blocker[] = s.connectionNeedsHost ? host : [];
  // Without the spreadsheet nothing else matters: that alone is said.
  const workbook = (rest: Blocker[]): Blocker[] => (host.length > 0 ? host : rest);
  return {
    connect: service,
    // An update takes the ministry from the sheet and the plan from the service or the machine.
    setup: workbook(template ? (connected ? [] : plan) : ministry),
    convert: workbook(ministry),
    check: workbook(sheet.length > 0 ? sheet : plan),
    submit: workbook([...token, ...submitMinistry, ...(sheet.length > 0 ? sheet : plan)]),
    retry: service,
    fix: host,
  };
}
