/**
 * The pane in execution mode (« suivi de l'exécution »): when the open workbook is an execution
 * follow-up workbook (its metadata says EXECUTION_TEMPLATE_ID), Check reads it with the core's
 * execution reader and checks and marks the cells as for a planning return; Send posts the
 * ExecutionDocument for the workbook's period with an Idempotency-Key kept until the service has
 * answered (same content, same key: a replay, never a second version); the ministry's latest
 * return for the period and the consolidator's comment come from /returns/mine. The template is
 * inserted into an empty workbook the way the pane writes the planning template: built here from
 * the plan (../execution/template.ts) and written through the host.
 *
 * It reaches the workbook, the service and the storage only through the controller's ports
 * (ExecutionPorts), so the Excel task pane and the Google Sheets sidebar run it alike.
 */

import { canonicalJson } from '../canonical-json.ts';
import { runExecutionChecks } from '../execution/checks.ts';
import { plannedForYear } from '../execution/consolidate.ts';
import { EXECUTION_TEMPLATE_ID, EXECUTION_TEMPLATE_VERSION } from '../execution/layout.ts';
import { parsePeriodKey } from '../execution/model.ts';
import { executionDocument, executionSheetNames, readExecution } from '../execution/read.ts';
import type { ExecutionDocument } from '../execution/schemas.ts';
import { indicatorTargetsOf, overrunThresholdOf } from '../execution/targets.ts';
import { buildExecutionSpec } from '../execution/template.ts';
import type { Finding } from '../findings.ts';
import type { Lang } from '../layout.ts';
import { SHEET_NAMES } from '../layout.ts';
import type { PlanIndex } from '../plan-index.ts';
import { readTemplateMeta } from '../template/meta.ts';
import type { TemplateMeta } from '../workbook-spec/spec.ts';
import { ApiFailure, NetworkFailure, type ServiceClient } from './api.ts';
import { formatWhen, type Notice, type PaneState } from './controller.ts';
import {
  type ExecutionLatest,
  type ExecutionReceipt,
  latestExecution,
  openPeriods,
  type PeriodView,
  submitExecution,
} from './execution-api.ts';
import { EXECUTION_PANE_WORDING, type ExecutionPaneWording } from './execution-wording.ts';
import type { CellMark, PaneHost, PaneStorage, Progress } from './ports.ts';
import { newIdempotencyKey } from './submission.ts';
import type { PaneWording } from './wording.ts';

export const EXECUTION_PENDING_KEY = 'pac.execution.pending';

/** The execution part of the pane's state. */
export interface ExecutionPaneState {
  /** The open periods, once the person asked for the template; null before. */
  periods: PeriodView[] | null;
  /** The ministry's latest return for the workbook's period; undefined while not known (offline). */
  latest: ExecutionLatest | null | undefined;
  receipt: ExecutionReceipt | null;
  /** A follow-up kept on this computer because the service did not answer. */
  pending: { createdAt: string } | null;
}

export const NO_EXECUTION: ExecutionPaneState = {
  periods: null,
  latest: undefined,
  receipt: null,
  pending: null,
};

/**
 * The follow-up last sent or waiting to be sent, with its key. It stays after the service's answer
 * (`sent`), so that sending the same content again replays that answer instead of making a version
 * that says nothing new.
 */
interface PendingExecution {
  key: string;
  doc: ExecutionDocument;
  createdAt: string;
  sent?: boolean;
}

/** What the controller lends the execution flow: its state, its host, the service, the plan. */
export interface ExecutionPorts {
  host(): PaneHost;
  client(): ServiceClient | null;
  planFor(ministry: string | null, online: boolean): Promise<PlanIndex>;
  state(): PaneState;
  set(patch: Partial<PaneState>): void;
  notify(...notices: Notice[]): void;
  progress(label: (w: PaneWording) => string): Progress;
  /** Stops the action with a notice the person can act on. */
  refuse(notice: Notice): never;
  marks(findings: readonly Finding[], lang: Lang): CellMark[];
  storage: PaneStorage;
  now(): string;
  tick(): Promise<void>;
  random?: () => string;
}

const say = (
  kind: Notice['kind'],
  f: (x: ExecutionPaneWording, lang: Lang, w: PaneWording) => string,
): Notice => ({
  kind,
  say: (w, lang) => f(EXECUTION_PANE_WORDING[lang], lang, w),
});

/** The metadata of an execution follow-up workbook, or null for any other workbook. */
export async function executionMetaOf(
  host: PaneHost,
  sheets: readonly string[],
): Promise<TemplateMeta | null> {
  const name = SHEET_NAMES.meta.fr;
  if (!sheets.includes(name)) return null;
  const grid = await host.readSheet(name);
  const meta = grid ? readTemplateMeta(grid.rows) : null;
  return meta?.templateId === EXECUTION_TEMPLATE_ID && meta.period ? meta : null;
}

export class ExecutionFlow {
  constructor(private readonly ports: ExecutionPorts) {}

  private get execution(): ExecutionPaneState {
    return this.ports.state().execution;
  }

  private setExecution(patch: Partial<ExecutionPaneState>): void {
    this.ports.set({ execution: { ...this.execution, ...patch } });
  }

  private label(f: (x: ExecutionPaneWording) => string): (w: PaneWording) => string {
    return () => f(EXECUTION_PANE_WORDING[this.ports.state().lang]);
  }

  private offline(): void {
    const s = this.ports.state();
    this.ports.set({ connection: { ...s.connection, status: 'offline' } });
  }

  /** Restores a follow-up kept from an earlier session, so the pane says it is waiting. */
  async start(): Promise<void> {
    const pending = await this.ports.storage.get<PendingExecution>(EXECUTION_PENDING_KEY);
    if (pending && !pending.sent) this.setExecution({ pending: { createdAt: pending.createdAt } });
  }

  // --- The template -----------------------------------------------------------------------------

  /** The open periods, for « Télécharger le modèle d'exécution ». */
  async listPeriods(): Promise<void> {
    const client = this.ports.client();
    if (!client) this.ports.refuse(say('error', (_, __, w) => w.notConnected));
    this.ports.progress(this.label((x) => x.stepPeriods));
    try {
      this.setExecution({ periods: await openPeriods(client) });
    } catch (error) {
      if (error instanceof NetworkFailure) {
        this.offline();
        this.ports.refuse(say('warning', (_, __, w) => w.offline));
      }
      if (error instanceof ApiFailure)
        this.ports.refuse(say('error', (x, l) => x.sendRefused(error.messageIn(l))));
      throw error;
    }
    this.ports.notify();
  }

  /**
   * Writes the « Exécution » workbook of `period` for the token's ministry into the open workbook,
   * which must hold no PAC sheet yet: writing over a planning template's metadata would turn it
   * into something else, and over a filled follow-up would lose what was typed.
   */
  async insertTemplate(period: string): Promise<void> {
    const host = this.ports.host();
    const state = this.ports.state();
    const ministry = state.connection.ministry?.code;
    if (!ministry) this.ports.refuse(say('error', (_, __, w) => w.notMinistryToken));
    const year = parsePeriodKey(period)?.year;
    if (year === undefined) this.ports.refuse(say('error', (x) => x.periodsNone));
    this.ports.progress((w) => w.stepPlan);
    const index = await this.ports.planFor(ministry, true);
    const spec = buildExecutionSpec(index, {
      ministry,
      lang: state.lang,
      period,
      generatedAt: this.ports.now(),
      // The plan's own terms, as the service's template.xlsx prints them: its costs split over their
      // years, and the indicators' baselines and targets the administrator set.
      planned: plannedForYear(index, year, null),
      targets: indicatorTargetsOf(index.plan),
    });
    const reading = await host.readWorkbook();
    const clash = spec.sheets.map((s) => s.name).filter((n) => reading.sheets.includes(n));
    if (clash.length > 0) {
      const names = clash.map((n) => `« ${n} »`).join(', ');
      this.ports.refuse(say('error', (x) => x.needEmptyWorkbook(names)));
    }
    await host.writeWorkbook(spec, this.ports.progress(this.label((x) => x.stepWritingTemplate)));
    const activities = index.activitiesOf(ministry).length;
    this.ports.set({
      workbook: { kind: 'execution', meta: spec.meta, legacyTables: 0 },
      report: null,
      fixes: null,
      changes: null,
      imported: null,
      execution: { ...this.execution, periods: null, latest: undefined, receipt: null },
    });
    this.ports.notify(say('success', (x) => x.inserted(period, activities)));
    await this.refreshLatest();
  }

  // --- Check ------------------------------------------------------------------------------------

  /** Reads and checks the workbook offline, marks the cells, and returns what Send needs. */
  async check() {
    const host = this.ports.host();
    this.ports.progress((w) => w.stepReading);
    const reading = await host.readWorkbook();
    const meta = await executionMetaOf(host, reading.sheets);
    if (!meta?.period) this.ports.refuse(say('error', (_, __, w) => w.notATemplate));
    this.ports.set({ workbook: { kind: 'execution', meta, legacyTables: 0 } });
    const index = await this.ports.planFor(meta.ministry, false);
    const plan = index.plan.plan;
    if (
      meta.planId !== plan.id ||
      meta.planVersion !== plan.version ||
      meta.templateVersion !== EXECUTION_TEMPLATE_VERSION
    ) {
      this.ports.set({ report: null, fixes: null });
      this.ports.refuse(say('warning', (x) => x.outdated(meta.planVersion, plan.version)));
    }
    this.ports.progress((w) => w.stepChecking);
    await this.ports.tick();
    const names = executionSheetNames(meta);
    const contents = await host.readSheetsForImport();
    const sheet = (name: string) => contents.find((c) => c.grid.sheet === name) ?? null;
    const read = readExecution(
      { execution: sheet(names.execution), indicators: sheet(names.indicators) },
      meta,
      index,
    );
    if (read.kind !== 'read') this.ports.refuse(say('error', (x) => x.sheetMissing(read.sheet)));
    const report = runExecutionChecks(index, read.parsed, {
      ministry: meta.ministry,
      planned: read.plannedOnSheet,
      threshold: overrunThresholdOf(index.plan),
      readingFindings: read.findings,
    });
    await this.ports.tick();
    this.ports.progress((w) => w.stepMarking);
    await host.markCells(this.ports.marks(report.findings, meta.lang));
    this.ports.set({
      report: {
        origin: 'local',
        findings: report.findings,
        errors: report.stats.errors,
        warnings: report.stats.warnings,
      },
      fixes: null,
      changes: null,
      imported: null,
    });
    this.ports.notify();
    return { report, meta, parsed: read.parsed };
  }

  // --- Send -------------------------------------------------------------------------------------

  async submit(): Promise<void> {
    const { report, meta, parsed } = await this.check();
    if (!report.valid) {
      this.ports.notify(say('error', (x) => x.submitBlocked(report.stats.errors)));
      return;
    }
    const ministry = meta.ministry ?? this.ports.state().connection.ministry?.code;
    if (!ministry) this.ports.refuse(say('error', (_, __, w) => w.notMinistryToken));
    const doc = executionDocument(parsed, ministry);
    const waiting = await this.ports.storage.get<PendingExecution>(EXECUTION_PENDING_KEY);
    const pending: PendingExecution =
      waiting && canonicalJson(waiting.doc) === canonicalJson(doc)
        ? { ...waiting, sent: false }
        : { key: newIdempotencyKey(this.ports.random), doc, createdAt: this.ports.now() };
    await this.ports.storage.set(EXECUTION_PENDING_KEY, pending);
    this.setExecution({ pending: { createdAt: pending.createdAt } });
    const client = this.ports.client();
    if (!client) {
      this.ports.notify(say('warning', (x) => x.pendingKept));
      return;
    }
    this.ports.progress((w) => w.stepSending);
    try {
      const receipt = await submitExecution(client, pending.doc, pending.key);
      await this.ports.storage.set(EXECUTION_PENDING_KEY, { ...pending, sent: true });
      this.setExecution({ receipt, pending: null });
      const notices = [
        say('success', (x, l) =>
          x.receipt(receipt.period, receipt.version, formatWhen(receipt.createdAt, l)),
        ),
      ];
      if (receipt.warningCount > 0) notices.push(say('info', (x) => x.receiptWarnings(receipt.warningCount)));
      this.ports.notify(...notices);
      await this.refreshLatest();
    } catch (error) {
      if (error instanceof NetworkFailure) {
        this.offline();
        this.ports.notify(say('warning', (x) => x.pendingKept));
        return;
      }
      if (!(error instanceof ApiFailure)) throw error;
      if (error.retryable) {
        this.ports.notify(say('warning', (_, l, w) => w.sendFailedKept(error.messageIn(l))));
        return;
      }
      // Refused for good: nothing was recorded, and the same content would be refused again.
      await this.ports.storage.remove(EXECUTION_PENDING_KEY);
      this.setExecution({ pending: null });
      const findings = error.findings;
      if (findings.length > 0) {
        const errors = findings.filter((f) => f.severity === 'error').length;
        this.ports.set({
          report: { origin: 'server', findings, errors, warnings: findings.length - errors },
          fixes: null,
        });
        await this.ports.host().markCells(this.ports.marks(findings, meta.lang));
      }
      this.ports.notify(say('error', (x, l) => x.sendRefused(error.messageIn(l))));
    }
  }

  // --- Review -----------------------------------------------------------------------------------

  /** The ministry's latest return for the workbook's period; left unknown when the service is out of reach. */
  async refreshLatest(): Promise<void> {
    const wb = this.ports.state().workbook;
    const client = this.ports.client();
    if (wb.kind !== 'execution' || !wb.meta?.period || !client) return;
    try {
      this.setExecution({ latest: await latestExecution(client, wb.meta.period, wb.meta.planId) });
    } catch (error) {
      if (error instanceof NetworkFailure) this.offline();
      else if (!(error instanceof ApiFailure)) throw error;
    }
  }
}
