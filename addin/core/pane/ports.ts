/**
 * What the shared pane needs from the place it runs in, as three small interfaces. The Excel task
 * pane implements them with the Office JavaScript API, fetch and localStorage (addin/excel); the
 * Google Sheets sidebar with Apps Script services behind google.script.run and its own property store.
 * The pane controller (./controller.ts) only ever talks to these, so both hosts show the same pane
 * and behave the same way.
 */
import type { Severity } from '../findings.ts';
import type { Grid } from '../grid.ts';
import type { SheetContent } from '../sheet-content.ts';
import type { NumberFix } from '../workbook-reading/number-fixes.ts';
import type { TemplateMeta, WorkbookSpec } from '../workbook-spec/spec.ts';

/** Told as a long step advances: `done` of `total` units (rows, chunks; whatever the host counts). */
export type Progress = (done: number, total: number) => void;

/** What the workbook holds, read in one go for Check, Submit and Update. */
export type WorkbookReading =
  | {
      kind: 'template';
      meta: TemplateMeta;
      /** The entry sheet: its values (a formula cell empty) and its formulas, rows[0][0] being A1. */
      entry: SheetContent;
      /** The summary sheet likewise; null when the workbook no longer has it. */
      summary: SheetContent | null;
      sheets: string[];
    }
  | {
      /** No PAC template: an empty workbook, a legacy-layout sheet, anything else. */
      kind: 'other';
      sheets: string[];
    };

export type { SheetContent };

/** A cell or range to mark on a sheet, the colour following the finding's severity. */
export interface CellMark {
  sheet: string;
  /** "H12" or "H12:H15". */
  range: string;
  severity: Severity;
}

/** The spreadsheet. Each call is one short exchange with the host; none blocks the pane. */
export interface PaneHost {
  /** The template's metadata and entry sheet, or the names of the sheets when it is not a template. */
  readWorkbook(): Promise<WorkbookReading>;
  /** One sheet's values, or null when there is no such sheet (the update reads the withdrawn sheet). */
  readSheet(name: string): Promise<Grid | null>;
  /** Every visible sheet's values and formulas, to look for a legacy-layout table. */
  readSheetsForImport(progress?: Progress): Promise<SheetContent[]>;
  /**
   * Writes a template: sheets named as in the spec are created, or cleared and rewritten (other
   * sheets are left alone); values, formulas, looks, locks, validation, conditional formats,
   * frozen panes, print setup, protection and visibility follow the spec.
   */
  writeWorkbook(spec: WorkbookSpec, progress?: Progress): Promise<void>;
  /**
   * Writes numbers into cells that held text or a formula (the "convert to numbers" fix the person
   * confirmed), with the template's amount format so they show as every other amount.
   */
  writeNumbers(cells: readonly NumberFix[]): Promise<void>;
  /** Replaces the marks left by the previous call with these; an empty list clears them. */
  markCells(marks: readonly CellMark[]): Promise<void>;
  /** Shows a sheet and selects a cell or range in it. */
  selectCell(sheet: string, range: string): Promise<void>;
}

/** An HTTP request as the pane makes it; the transport adds nothing (no cookies, no credentials). */
export interface PaneRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PaneResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * HTTP to the sync service. Resolves with any status the service answered (4xx and 5xx included);
 * rejects only when no answer came back at all (offline, DNS, TLS, timeout), which the pane treats
 * as "offline" and retries.
 */
export interface PaneTransport {
  request(req: PaneRequest): Promise<PaneResponse>;
}

/**
 * The add-in's own storage, on the person's machine (never the workbook): the service address and
 * token, the cached plan, the return waiting to be sent. Values are JSON-serialisable.
 */
export interface PaneStorage {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}
