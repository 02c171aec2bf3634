/**
 * The pane's behaviour, whatever it is drawn with: connect, set up or update the workbook, check
 * it offline, submit it once and only once, convert a legacy sheet, follow the review. It holds
 * the pane's state, runs one action at a time and tells its subscribers (./view.ts) after every
 * change; it reaches the spreadsheet, the network and the disk only through the ports
 * (./ports.ts), so the Excel task pane and the Google Sheets sidebar run this same file.
 *
 * Offline first: the plan is kept in the add-in's storage once downloaded (revalidated with its
 * ETag whenever the service answers), Check never needs the network, and a return that cannot be
 * sent stays in storage with its idempotency key and is sent again — on a timer, when the browser
 * says it is back online, or when the pane opens — until the service acknowledges it.
 */
import type { Finding } from '../findings.ts';
import { type Lang, SHEET_NAMES, sheetKeyOf, TEMPLATE_VERSION } from '../layout.ts';
import type { ParsedReturn } from '../model.ts';
import { indexPlan, type PlanIndex } from '../plan-index.ts';
import { type PlanWords, planWords } from '../plan-words.ts';
import { type Report, runReturnChecks } from '../run.ts';
import { Plan } from '../schemas/plan.ts';
import { buildTemplateSpec } from '../template/build.ts';
import { clearTimer, setTimer, type TimerId } from '../timers.ts';
import { type NumberFix, numberFixes } from '../workbook-reading/number-fixes.ts';
import { readTemplate } from '../workbook-reading/read-template.ts';
import type { TemplateMeta, WorkbookSpec } from '../workbook-spec/spec.ts';
import {
  ApiFailure,
  type CachedPlan,
  type Connection,
  NetworkFailure,
  type Receipt,
  type ReturnSummary,
  ServiceClient,
} from './api.ts';
import {
  EXECUTION_PENDING_KEY,
  ExecutionFlow,
  type ExecutionPaneState,
  executionMetaOf,
  NO_EXECUTION,
} from './execution-flow.ts';
import { convertLegacy, detectLegacy, type LegacyImportSummary } from './legacy-import.ts';
import { chosenPlan, type PlanChoice } from './plan-choice.ts';
import type { CellMark, PaneHost, PaneStorage, PaneTransport, Progress, WorkbookReading } from './ports.ts';
import { type PendingReturn, pendingFor, returnDocument } from './submission.ts';
import type { PaneWording } from './wording.ts';
import { updateWorkbookSpec, WITHDRAWN_SHEET, type WorkbookChanges } from './workbook-update.ts';

export const STORAGE_KEYS = {
  connection: 'pac.connection',
  lang: 'pac.lang',
  plan: 'pac.plan',
  pending: 'pac.pending',
  receipt: 'pac.receipt',
  executionPending: EXECUTION_PENDING_KEY,
} as const;

/** A sentence for the pane, said in whatever language the pane is in when it is drawn. */
export interface Notice {
  kind: 'info' | 'success' | 'warning' | 'error';
  say: (w: PaneWording, lang: Lang) => string;
}

export type ConnectionStatus = 'none' | 'checking' | 'connected' | 'offline' | 'refused';

export interface PaneState {
  lang: Lang;
  connection: {
    service: string;
    hasToken: boolean;
    status: ConnectionStatus;
    label: string | null;
    role: string | null;
    ministry: { code: string; name: string } | null;
  };
  /** The cached plan: its version and title, and its words (unit, code shape) for the findings. */
  plan: {
    version: string;
    title: string;
    words: PlanWords;
    ministry: string | null;
    fetchedAt: string;
  } | null;
  workbook: {
    /** 'execution': an execution follow-up workbook (./execution-flow.ts). */
    kind: 'unknown' | 'empty' | 'template' | 'legacy' | 'execution';
    meta: TemplateMeta | null;
    legacyTables: number;
  };
  busy: { label: (w: PaneWording) => string; done: number; total: number } | null;
  report: { origin: 'local' | 'server'; findings: Finding[]; errors: number; warnings: number } | null;
  /** Cells the sheet does not count that the pane can turn into numbers, once the person confirms. */
  fixes: { cells: NumberFix[]; confirming: boolean } | null;
  changes: WorkbookChanges | null;
  imported: LegacyImportSummary | null;
  pending: { createdAt: string; attempts: number } | null;
  receipt: Receipt | null;
  /** undefined: not known yet (offline); null: nothing sent yet. */
  review: ReturnSummary | null | undefined;
  notices: Notice[];
  /** The execution follow-up: open periods, the latest return for the workbook's period. */
  execution: ExecutionPaneState;
  /** What stops the workbook actions altogether (no Excel, an Excel too old). */
  hostProblem: 'missing' | 'tooOld' | null;
  /** The service is reached through the host (Sheets): without the host, no connection either. */
  connectionNeedsHost: boolean;
  /** The plans open to the ministry and the one worked on (./plan-choice.ts); null before connecting. */
  planChoice: PlanChoice | null;
}

export interface PaneOptions {
  host: PaneHost | null;
  hostProblem?: 'missing' | 'tooOld' | null;
  /** True when the transport and storage go through the host (Sheets' google.script.run). */
  connectionNeedsHost?: boolean;
  transport: PaneTransport;
  storage: PaneStorage;
  /** The address filled in the first time (the pane's own origin, in Excel). */
  defaultService: string;
  now?: () => Date;
  /** Delays between automatic retries of a pending return; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /** Lets the view paint before a long computation. */
  tick?: () => Promise<void>;
  random?: () => string;
}

const DEFAULT_RETRY_DELAYS = [5_000, 15_000, 30_000, 60_000] as const;

/** "29/11/2026 à 10:12" / "2026-11-29 10:12", in the computer's time zone. */
export function formatWhen(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return lang === 'fr'
    ? `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} à ${time}`
    : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${time}`;
}

/** A refusal the person can act on, said in the pane's words; anything else is unexpected. */
class Stop extends Error {
  constructor(readonly notice: Notice) {
    super('stopped');
  }
}

const say = (kind: Notice['kind'], f: (w: PaneWording, lang: Lang) => string): Notice => ({ kind, say: f });

/** The sheet a finding names, as it is called in this workbook (findings from the service say "Saisie"). */
export function sheetInWorkbook(sheet: string, lang: Lang): string {
  const key = sheetKeyOf(sheet);
  return key ? SHEET_NAMES[key][lang] : sheet;
}

/**
 * The cell or range of the workbook a finding points at ("H12", "B4:H4"), or null: a line of the
 * plan document, or a path into a return sent as JSON, is not a place in the workbook.
 */
export function workbookCellOf(where: Finding['where']): string | null {
  const range = where.cell ?? where.range;
  if (!range || where.line !== undefined || !/^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(range)) return null;
  return range;
}

export function marksOf(findings: readonly Finding[], lang: Lang): CellMark[] {
  const marks: CellMark[] = [];
  for (const f of findings) {
    const range = workbookCellOf(f.where);
    if (range) marks.push({ sheet: sheetInWorkbook(f.where.sheet, lang), range, severity: f.severity });
  }
  return marks;
}

export class PaneController {
  state: PaneState;
  private readonly listeners = new Set<(s: PaneState) => void>();
  private readonly now: () => Date;
  private readonly tick: () => Promise<void>;
  private readonly retryDelays: readonly number[];
  private connection: Connection | null = null;
  private cachedPlan: CachedPlan | null = null;
  private retryTimer: TimerId | null = null;
  private running = false;
  private readonly execution: ExecutionFlow;

  constructor(private readonly options: PaneOptions) {
    this.now = options.now ?? (() => new Date());
    this.tick = options.tick ?? (() => new Promise<void>((resolve) => setTimer(resolve, 0)));
    this.retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    this.state = {
      lang: 'fr',
      connection: {
        service: options.defaultService,
        hasToken: false,
        status: 'none',
        label: null,
        role: null,
        ministry: null,
      },
      plan: null,
      workbook: { kind: 'unknown', meta: null, legacyTables: 0 },
      busy: null,
      report: null,
      fixes: null,
      changes: null,
      imported: null,
      pending: null,
      receipt: null,
      review: undefined,
      notices: [],
      execution: NO_EXECUTION,
      hostProblem: options.hostProblem ?? (options.host ? null : 'missing'),
      connectionNeedsHost: options.connectionNeedsHost ?? false,
      planChoice: null,
    };
    this.execution = new ExecutionFlow({
      host: () => this.requireHost(),
      client: () => this.client(),
      planFor: (ministry, online) => this.planFor(ministry, online),
      state: () => this.state,
      set: (patch) => this.set(patch),
      notify: (...notices) => this.notify(...notices),
      progress: (label) => this.progress(label),
      refuse: (notice) => {
        throw new Stop(notice);
      },
      marks: marksOf,
      storage: options.storage,
      now: () => this.nowIso(),
      tick: () => this.tick(),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  subscribe(listener: (s: PaneState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private notify(...notices: Notice[]): void {
    this.set({ notices });
  }

  private progress(label: (w: PaneWording) => string): Progress {
    this.set({ busy: { label, done: 0, total: 0 } });
    return (done, total) => this.set({ busy: { label, done, total } });
  }

  private get storage(): PaneStorage {
    return this.options.storage;
  }

  private client(): ServiceClient | null {
    return this.connection
      ? new ServiceClient(this.options.transport, this.connection, this.state.lang)
      : null;
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  /** Runs one action at a time; a refusal becomes a notice, anything else an "unexpected" one. */
  private async action<T>(f: () => Promise<T>): Promise<T | undefined> {
    if (this.running) return undefined;
    this.running = true;
    try {
      return await f();
    } catch (error) {
      if (error instanceof Stop) this.notify(error.notice);
      else {
        const message = error instanceof Error ? error.message : String(error);
        this.notify(say('error', (w) => w.unexpected(message)));
      }
      return undefined;
    } finally {
      this.running = false;
      this.set({ busy: null });
    }
  }

  private requireHost(): PaneHost {
    const host = this.options.host;
    if (!host || this.state.hostProblem) {
      throw new Stop(
        say('error', (w) => (this.state.hostProblem === 'tooOld' ? w.hostTooOld : w.hostMissing)),
      );
    }
    return host;
  }

  // --- Start ------------------------------------------------------------------------------------

  async start(initialAction?: 'check' | null): Promise<void> {
    const s = this.storage;
    const [lang, connection, plan, pending, receipt] = await Promise.all([
      s.get<Lang>(STORAGE_KEYS.lang),
      s.get<Connection>(STORAGE_KEYS.connection),
      s.get<CachedPlan>(STORAGE_KEYS.plan),
      s.get<PendingReturn>(STORAGE_KEYS.pending),
      s.get<Receipt>(STORAGE_KEYS.receipt),
    ]);
    if (lang === 'fr' || lang === 'en') this.set({ lang });
    if (connection?.service && connection.token) this.connection = connection;
    this.cachedPlan = plan && Plan.safeParse(plan.plan).success ? plan : null;
    this.set({
      connection: {
        ...this.state.connection,
        service: connection?.service || this.options.defaultService,
        hasToken: this.connection !== null,
      },
      plan: this.planState(),
      pending: pending ? { createdAt: pending.createdAt, attempts: pending.attempts } : null,
      receipt,
    });
    if (pending) this.notify(say('warning', (w, l) => w.pendingKept(formatWhen(pending.createdAt, l))));
    await this.execution.start();
    if (this.options.host && !this.state.hostProblem) await this.action(() => this.refreshWorkbook());
    if (this.connection) await this.action(() => this.refreshConnection());
    if (pending && this.state.connection.status === 'connected') await this.action(() => this.sendPending());
    if (initialAction === 'check') await this.check();
  }

  private planState(): PaneState['plan'] {
    const c = this.cachedPlan;
    return c
      ? {
          version: c.plan.plan.version,
          title: c.plan.plan.title,
          words: planWords(c.plan),
          ministry: c.ministry,
          fetchedAt: c.fetchedAt,
        }
      : null;
  }

  private async refreshWorkbook(): Promise<WorkbookReading> {
    const host = this.requireHost();
    const reading = await host.readWorkbook();
    if (reading.kind === 'template') {
      this.set({ workbook: { kind: 'template', meta: reading.meta, legacyTables: 0 } });
      return reading;
    }
    const execution = await executionMetaOf(host, reading.sheets);
    if (execution) {
      this.set({ workbook: { kind: 'execution', meta: execution, legacyTables: 0 } });
      return reading;
    }
    let tables = 0;
    try {
      const contents = await host.readSheetsForImport();
      tables = detectLegacy(contents, this.cachedPlan ? indexPlan(this.cachedPlan.plan) : null);
    } catch {
      // Looking for a legacy table is a courtesy: a workbook too large to read whole in one
      // exchange is simply not offered the conversion.
    }
    this.set({ workbook: { kind: tables > 0 ? 'legacy' : 'empty', meta: null, legacyTables: tables } });
    return reading;
  }

  // --- Connection -------------------------------------------------------------------------------

  async connect(service: string, token: string): Promise<void> {
    await this.action(async () => {
      if (this.state.connectionNeedsHost) this.requireHost();
      this.connection = { service: service.trim(), token: token.trim() };
      await this.storage.set(STORAGE_KEYS.connection, this.connection);
      this.set({
        connection: { ...this.state.connection, service: this.connection.service, hasToken: true },
      });
      await this.refreshConnection();
      if (this.state.connection.status === 'connected' && (await this.storage.get(STORAGE_KEYS.pending))) {
        await this.sendPending();
      }
    });
  }

  async disconnect(): Promise<void> {
    await this.action(async () => {
      this.connection = null;
      await this.storage.remove(STORAGE_KEYS.connection);
      this.set({
        connection: {
          ...this.state.connection,
          hasToken: false,
          status: 'none',
          label: null,
          role: null,
          ministry: null,
        },
        review: undefined,
        notices: [],
        planChoice: null,
      });
    });
  }

  /** Work on another of the plans open to the ministry: its plan, template and returns. */
  async choosePlan(planId: string): Promise<void> {
    await this.action(async () => {
      if (!this.connection || !this.state.planChoice?.options.some((p) => p.id === planId)) return;
      this.connection = { ...this.connection, plan: planId };
      await this.storage.set(STORAGE_KEYS.connection, this.connection);
      await this.refreshConnection();
    });
  }

  /** Which plan the calls are for, once the service has listed the plans open to the ministry. */
  private async settlePlan(client: ServiceClient): Promise<ServiceClient> {
    const list = await client.plans();
    if (list === null) {
      // A service hosting one plan, from before plans could be chosen: nothing to choose.
      this.set({ planChoice: null });
      return client;
    }
    const chosen = chosenPlan(list, this.connection?.plan);
    this.set({ planChoice: { options: list.plans, chosen } });
    if (!this.connection || (this.connection.plan ?? null) === chosen) return client;
    this.connection = { ...this.connection, plan: chosen };
    await this.storage.set(STORAGE_KEYS.connection, this.connection);
    return this.client() ?? client;
  }

  /** Who the token is, then the plan and the review state; offline is a state, not an error. */
  private async refreshConnection(): Promise<void> {
    const client = this.client();
    if (!client) return;
    this.set({ connection: { ...this.state.connection, status: 'checking' } });
    try {
      const me = await client.me();
      this.set({
        connection: {
          ...this.state.connection,
          status: 'connected',
          label: me.label,
          role: me.role,
          ministry: me.ministry,
        },
      });
      if (!me.ministry) {
        this.notify(say('warning', (w) => w.notMinistryToken));
        return;
      }
      const scoped = await this.settlePlan(client);
      await this.refreshPlan(scoped);
      await this.refreshReview(scoped);
      await this.execution.refreshLatest();
    } catch (error) {
      this.connectionFailed(error);
    }
  }

  private connectionFailed(error: unknown): void {
    if (error instanceof NetworkFailure) {
      this.set({ connection: { ...this.state.connection, status: 'offline' } });
      return;
    }
    if (error instanceof ApiFailure) {
      this.set({ connection: { ...this.state.connection, status: 'refused' } });
      this.notify(say('error', (w, l) => w.tokenRefused(error.messageIn(l))));
      return;
    }
    throw error;
  }

  /**
   * The whole plan, as the service checks with: a line holding another ministry's activity then
   * reads as that ministry's here too, not as unknown, and a legacy sheet's other rows as theirs.
   * A ministry's part cached by an earlier version of the pane is replaced at the next download.
   */
  private async refreshPlan(client: ServiceClient): Promise<CachedPlan> {
    const cached = this.cachedPlan?.ministry === null ? this.cachedPlan : null;
    const fresh = await client.plan(null, cached, this.nowIso());
    this.cachedPlan = fresh;
    await this.storage.set(STORAGE_KEYS.plan, fresh);
    this.set({ plan: this.planState() });
    return fresh;
  }

  private async refreshReview(client: ServiceClient): Promise<void> {
    const [latest] = await client.returns();
    this.set({ review: latest ?? null });
  }

  /** The plan for a ministry's sheet: fresh when the service answers, the stored copy otherwise. */
  private async planFor(ministry: string | null, online: boolean): Promise<PlanIndex> {
    const client = this.client();
    if (online && client) {
      try {
        return indexPlan((await this.refreshPlan(client)).plan);
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error;
        this.set({ connection: { ...this.state.connection, status: 'offline' } });
      }
    }
    const c = this.cachedPlan;
    if (c && (c.ministry === null || c.ministry === ministry)) return indexPlan(c.plan);
    throw new Stop(say('error', (w) => (this.connection ? w.planUnavailableOffline : w.noPlan)));
  }

  async setLang(lang: Lang): Promise<void> {
    this.set({ lang });
    await this.storage.set(STORAGE_KEYS.lang, lang);
  }

  // --- Set up / update --------------------------------------------------------------------------

  async setup(): Promise<void> {
    await this.action(async () => {
      const host = this.requireHost();
      this.progress((w) => w.stepReading);
      const reading = await host.readWorkbook();
      const ministry =
        reading.kind === 'template' ? reading.meta.ministry : this.state.connection.ministry?.code;
      if (ministry === undefined) {
        throw new Stop(say('error', (w) => (this.connection ? w.notMinistryToken : w.noPlan)));
      }
      this.progress((w) => w.stepPlan);
      const index = await this.planFor(ministry, true);
      const generatedAt = this.nowIso();
      let spec: WorkbookSpec;
      let changes: WorkbookChanges | null = null;
      if (reading.kind === 'template') {
        const lang = reading.meta.lang;
        const withdrawn = await host.readSheet(WITHDRAWN_SHEET[lang]);
        ({ spec, changes } = updateWorkbookSpec(
          index,
          { ministry, lang, generatedAt },
          { meta: reading.meta, entry: reading.entry, withdrawn },
        ));
      } else {
        spec = buildTemplateSpec(index, { ministry, lang: this.state.lang, generatedAt });
        this.refuseForeignSheets(spec, reading.sheets);
      }
      await host.writeWorkbook(
        spec,
        this.progress((w) => w.stepWriting),
      );
      const activities = index.activitiesOf(ministry ?? '').length || index.plan.activities.length;
      this.set({
        workbook: { kind: 'template', meta: spec.meta, legacyTables: 0 },
        report: null,
        fixes: null,
        changes,
        imported: null,
      });
      this.notify(say('success', (w) => (changes ? w.updateDone : w.setUpDone(activities))));
    });
  }

  /** Sheets named like the template's but not PAC's would be overwritten: refuse instead. */
  private refuseForeignSheets(spec: WorkbookSpec, existing: readonly string[]): void {
    const clash = spec.sheets.map((s) => s.name).filter((n) => existing.includes(n));
    if (clash.length > 0) {
      const names = clash.map((n) => `« ${n} »`).join(', ');
      throw new Stop(say('error', (w) => w.sheetsExist(names)));
    }
  }

  // --- Legacy import ----------------------------------------------------------------------------

  async convert(): Promise<void> {
    await this.action(async () => {
      const host = this.requireHost();
      const ministry = this.state.connection.ministry?.code;
      if (!ministry) throw new Stop(say('error', (w) => (this.connection ? w.notMinistryToken : w.noPlan)));
      this.progress((w) => w.stepPlan);
      const index = await this.planFor(ministry, true);
      const reading = await host.readWorkbook();
      const contents = await host.readSheetsForImport(this.progress((w) => w.stepImporting));
      const lang = this.state.lang;
      const converted = convertLegacy(contents, index, { ministry, lang, generatedAt: this.nowIso() });
      if (!converted) throw new Stop(say('warning', (w) => w.importNothing));
      this.refuseForeignSheets(converted.spec, reading.sheets);
      await host.writeWorkbook(
        converted.spec,
        this.progress((w) => w.stepWriting),
      );
      this.set({
        workbook: { kind: 'template', meta: converted.spec.meta, legacyTables: 0 },
        imported: converted.summary,
        changes: null,
        report: null,
        fixes: null,
      });
      this.notify(
        say('success', (w) => w.importDone(converted.summary.imported, converted.summary.skipped.length)),
      );
    });
  }

  // --- Check ------------------------------------------------------------------------------------

  /**
   * Reads and checks the sheet with the same reader as the service, marks the cells; no network.
   * A sheet made on another plan or template version is not checked against this one: the service
   * would refuse it whole, so the pane says to update it instead of listing findings that only
   * mean the layouts differ.
   */
  private async runCheck(): Promise<{ report: Report; meta: TemplateMeta; parsed: ParsedReturn }> {
    const host = this.requireHost();
    this.progress((w) => w.stepReading);
    const reading = await host.readWorkbook();
    if (reading.kind !== 'template') throw new Stop(say('error', (w) => w.notATemplate));
    const { meta } = reading;
    this.set({ workbook: { kind: 'template', meta, legacyTables: 0 } });
    const index = await this.planFor(meta.ministry, false);
    const plan = index.plan.plan;
    if (
      meta.planId !== plan.id ||
      meta.planVersion !== plan.version ||
      meta.templateVersion !== TEMPLATE_VERSION
    ) {
      this.set({ report: null, fixes: null });
      throw new Stop(say('warning', (w) => w.workbookOutdated(meta.planVersion, plan.version)));
    }
    this.progress((w) => w.stepChecking);
    await this.tick();
    const read = readTemplate({ entry: reading.entry, summary: reading.summary }, meta, index);
    if (read.kind !== 'read') throw new Stop(say('error', (w) => w.notATemplate));
    const report = runReturnChecks(index, read.parsed, {
      ministry: meta.ministry,
      readingFindings: read.findings,
    });
    await this.tick();
    this.progress((w) => w.stepMarking);
    await host.markCells(marksOf(report.findings, meta.lang));
    const fixes = numberFixes(report.findings);
    this.set({
      report: {
        origin: 'local',
        findings: report.findings,
        errors: report.stats.errors,
        warnings: report.stats.warnings,
      },
      fixes: fixes.length > 0 ? { cells: fixes, confirming: false } : null,
      changes: null,
      imported: null,
    });
    this.notify();
    return { report, meta, parsed: read.parsed };
  }

  async check(): Promise<void> {
    await this.action(async () => {
      if (this.state.workbook.kind === 'execution') await this.execution.check();
      else await this.runCheck();
    });
  }

  // --- Execution follow-up (./execution-flow.ts) ------------------------------------------------

  /** Lists the open reporting periods, for « Télécharger le modèle d'exécution ». */
  async listExecutionPeriods(): Promise<void> {
    await this.action(() => this.execution.listPeriods());
  }

  async insertExecutionTemplate(period: string): Promise<void> {
    await this.action(() => this.execution.insertTemplate(period));
  }

  // --- Converting text to numbers ---------------------------------------------------------------

  /** Shows the cells the fix would write, and what, before anything is written. */
  askFix(): void {
    if (this.state.fixes && !this.running) this.set({ fixes: { ...this.state.fixes, confirming: true } });
  }

  cancelFix(): void {
    if (this.state.fixes) this.set({ fixes: { ...this.state.fixes, confirming: false } });
  }

  /** Writes the numbers the person confirmed, then checks the sheet again. */
  async applyFix(): Promise<void> {
    const fixes = this.state.fixes;
    if (!fixes?.confirming) return;
    await this.action(async () => {
      const host = this.requireHost();
      this.progress((w) => w.stepFixing);
      await host.writeNumbers(fixes.cells);
      await this.runCheck();
      this.notify(say('success', (w) => w.fixDone(fixes.cells.length)));
    });
  }

  // --- Submit -----------------------------------------------------------------------------------

  async submit(): Promise<void> {
    await this.action(async () => {
      if (this.state.workbook.kind === 'execution') return this.execution.submit();
      const { report, meta, parsed } = await this.runCheck();
      if (!report.valid) {
        this.notify(say('error', (w) => w.submitBlocked(report.stats.errors)));
        return;
      }
      const ministry = meta.ministry ?? this.state.connection.ministry?.code;
      if (!ministry) throw new Stop(say('error', (w) => w.notMinistryToken));
      const doc = returnDocument(meta, ministry, parsed.lines);
      const waiting = await this.storage.get<PendingReturn>(STORAGE_KEYS.pending);
      const pending = pendingFor(doc, waiting, this.nowIso(), this.options.random);
      await this.storage.set(STORAGE_KEYS.pending, pending);
      this.set({ pending: { createdAt: pending.createdAt, attempts: pending.attempts } });
      await this.sendPending();
    });
  }

  /** Sends the pending return, if any; called by Submit, on start, on the timer and when back online. */
  private async sendPending(): Promise<void> {
    const pending = await this.storage.get<PendingReturn>(STORAGE_KEYS.pending);
    if (!pending) return;
    this.clearRetry();
    const client = this.client();
    const kept = say('warning', (w, l) => w.pendingKept(formatWhen(pending.createdAt, l)));
    if (!client) {
      this.notify(kept);
      return;
    }
    this.progress((w) => w.stepSending);
    const attempt = { ...pending, attempts: pending.attempts + 1 };
    await this.storage.set(STORAGE_KEYS.pending, attempt);
    this.set({ pending: { createdAt: attempt.createdAt, attempts: attempt.attempts } });
    try {
      const receipt = await client.submit(attempt.doc, attempt.key);
      await this.storage.remove(STORAGE_KEYS.pending);
      await this.storage.set(STORAGE_KEYS.receipt, receipt);
      this.set({ pending: null, receipt, connection: { ...this.state.connection, status: 'connected' } });
      // A return sent again after its answer was lost is the version the service already made:
      // one sentence says so, rather than "received" followed by "already received".
      const when = (l: Lang) => formatWhen(receipt.createdAt, l);
      const notices = [
        say('success', (w, l) =>
          receipt.replayed
            ? w.receiptReplayed(receipt.version, when(l))
            : w.receipt(receipt.version, when(l)),
        ),
      ];
      if (receipt.warnings > 0) notices.push(say('info', (w) => w.receiptWarnings(receipt.warnings)));
      this.notify(...notices);
      try {
        await this.refreshReview(client);
      } catch {
        // The receipt is what matters; the review state comes with the next connection.
      }
    } catch (error) {
      if (error instanceof NetworkFailure) {
        this.set({ connection: { ...this.state.connection, status: 'offline' } });
        this.notify(kept);
        this.scheduleRetry(attempt.attempts);
        return;
      }
      if (!(error instanceof ApiFailure)) throw error;
      if (error.retryable) {
        this.notify(say('warning', (w, l) => w.sendFailedKept(error.messageIn(l))));
        if (error.status === 401) this.set({ connection: { ...this.state.connection, status: 'refused' } });
        else this.scheduleRetry(attempt.attempts);
        return;
      }
      // Refused for good: nothing was recorded, and the same content would be refused again.
      await this.storage.remove(STORAGE_KEYS.pending);
      this.set({ pending: null });
      const notices = [say('error', (w, l) => w.sendRefused(error.messageIn(l)))];
      if (error.code === 'plan_version_outdated') notices.push(say('warning', (w) => w.planOutdated));
      if (error.findings.length > 0) {
        const findings = error.findings;
        const errors = findings.filter((f) => f.severity === 'error').length;
        this.set({
          report: { origin: 'server', findings, errors, warnings: findings.length - errors },
          fixes: null,
        });
        const lang = this.state.workbook.meta?.lang ?? this.state.lang;
        if (this.options.host) await this.options.host.markCells(marksOf(findings, lang));
      }
      this.notify(...notices);
    }
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimer(this.retryTimer);
    this.retryTimer = null;
  }

  private scheduleRetry(attempts: number): void {
    this.clearRetry();
    const delays = this.retryDelays;
    const delay = delays[Math.min(attempts - 1, delays.length - 1)] ?? 60_000;
    this.retryTimer = setTimer(() => {
      this.retryTimer = null;
      void this.retryNow();
    }, delay);
  }

  /** Sends the pending return now (the "Retry" button, the browser's "online" event, the timer). */
  async retryNow(): Promise<void> {
    if (this.running) {
      this.scheduleRetry(1);
      return;
    }
    await this.action(async () => {
      if (this.state.connection.status !== 'connected') await this.refreshConnection();
      await this.sendPending();
    });
  }

  /** Stops the retry timer (the pane is closing, or a test is over). */
  dispose(): void {
    this.clearRetry();
    this.listeners.clear();
  }

  // --- Findings ---------------------------------------------------------------------------------

  /** Shows the cell of the report's `index`-th finding. */
  async select(index: number): Promise<void> {
    const f = this.state.report?.findings[index];
    const place = f ? workbookCellOf(f.where) : null;
    if (!f || !place) return;
    const lang = this.state.workbook.meta?.lang ?? this.state.lang;
    try {
      await this.requireHost().selectCell(sheetInWorkbook(f.where.sheet, lang), place);
    } catch (error) {
      if (error instanceof Stop) this.notify(error.notice);
    }
  }
}
