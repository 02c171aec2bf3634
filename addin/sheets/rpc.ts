/**
 * The contract between the sidebar (a page in the browser) and the add-on's Apps Script side: the
 * functions the sidebar calls through `google.script.run`, the functions Apps Script calls by name
 * (triggers and menu items), and what travels between them.
 *
 * Everything crosses as JSON text. google.script.run only carries primitives, arrays and plain
 * objects, and turns a whole answer into null when one value inside is a Date; a Map becomes {}.
 * A string arrives exactly as it was sent, so each side stringifies and parses itself.
 *
 * The build (./build.ts) writes one global function per name listed here, so that Apps Script
 * sees them as top-level function declarations; nothing else is reachable from the sidebar.
 */
import type { Grid, SheetContent, SheetSpec, WorkbookReading } from '#core';

/** Called by the sidebar, each taking and returning strings (JSON where it says so). */
export interface ServerApi {
  /** → JSON WireWorkbookReading */
  pacReadWorkbook(): string;
  /** → JSON Grid | null */
  pacReadSheet(name: string): string;
  /** → JSON WireSheetContent[] */
  pacReadSheetsForImport(): string;
  /** JSON WriteStart: creates or clears the spec's sheets before they are written one by one. */
  pacBeginWrite(start: string): string;
  /** JSON SheetSpec: writes one sheet; one call per sheet keeps each execution short. */
  pacWriteSheet(sheet: string): string;
  /** JSON WriteEnd: shows the entry sheet, hides what the spec hides. */
  pacEndWrite(end: string): string;
  /** JSON NumberFix[]: the numbers the person confirmed, written over text amounts. */
  pacWriteNumbers(cells: string): string;
  /** JSON CellMark[] */
  pacMarkCells(marks: string): string;
  pacSelectCell(sheet: string, range: string): string;
  /** JSON PaneRequest → JSON PaneResponse; throws when no answer came back. */
  pacFetch(request: string): string;
  /** The stored JSON text, or null. */
  pacStorageGet(key: string): string | null;
  pacStorageSet(key: string, json: string): string;
  pacStorageRemove(key: string): string;
}

export type ServerFunction = keyof ServerApi;

/** In the order the build writes them. */
export const SERVER_FUNCTIONS = [
  'pacReadWorkbook',
  'pacReadSheet',
  'pacReadSheetsForImport',
  'pacBeginWrite',
  'pacWriteSheet',
  'pacEndWrite',
  'pacWriteNumbers',
  'pacMarkCells',
  'pacSelectCell',
  'pacFetch',
  'pacStorageGet',
  'pacStorageSet',
  'pacStorageRemove',
] as const satisfies readonly ServerFunction[];

/** Called by Apps Script itself: simple triggers and the menu's items. */
export const TRIGGER_FUNCTIONS = [
  'onOpen',
  'onInstall',
  'showSidebar',
  'checkFromMenu',
  'submitFromMenu',
] as const;

/** SheetContent with its Map of formulas as nested [key, value] pairs. */
export interface WireSheetContent {
  grid: Grid;
  /** [row (1-based), [[column (0-based), formula without "="]…]] */
  formulas: [number, [number, string][]][];
}

export function toWire(content: SheetContent): WireSheetContent {
  return { grid: content.grid, formulas: [...content.formulas].map(([row, cols]) => [row, [...cols]]) };
}

export function fromWire(wire: WireSheetContent): SheetContent {
  return { grid: wire.grid, formulas: new Map(wire.formulas.map(([row, cols]) => [row, new Map(cols)])) };
}

/** WorkbookReading with its sheets' contents on the wire. */
export type WireWorkbookReading =
  | Extract<WorkbookReading, { kind: 'other' }>
  | (Omit<Extract<WorkbookReading, { kind: 'template' }>, 'entry' | 'summary'> & {
      entry: WireSheetContent;
      summary: WireSheetContent | null;
    });

export function readingToWire(reading: WorkbookReading): WireWorkbookReading {
  if (reading.kind !== 'template') return reading;
  return {
    ...reading,
    entry: toWire(reading.entry),
    summary: reading.summary ? toWire(reading.summary) : null,
  };
}

export function readingFromWire(wire: WireWorkbookReading): WorkbookReading {
  if (wire.kind !== 'template') return wire;
  return { ...wire, entry: fromWire(wire.entry), summary: wire.summary ? fromWire(wire.summary) : null };
}

export interface WriteStart {
  /** The spec's sheets, in order. */
  sheets: string[];
}

export interface WriteEnd {
  sheets: Pick<SheetSpec, 'key' | 'name' | 'state'>[];
}

/** What the sidebar page is opened with, written into it by the Apps Script side. */
export interface SidebarStart {
  /** The menu item that opened it: « Vérifier » checks at once, « Soumettre » submits. */
  action: 'check' | 'submit' | null;
  /** Filled in the connection form the first time (the address given to the build). */
  defaultService: string;
}

/** The placeholder in Sidebar.html that the Apps Script side replaces with a SidebarStart. */
export const SIDEBAR_START_MARKER = '/*PAC_START*/null';
