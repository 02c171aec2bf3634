/// <reference types="google-apps-script" />
/**
 * The add-on's Apps Script side, bundled by ./build.ts into one IIFE whose value is the global
 * `PAC`; the build's wrapper file declares the global functions Apps Script calls by name, each
 * handing over to `PAC.triggers` or `PAC.api`.
 *
 * - triggers: the menu under Extensions › PAC (« Ouvrir PAC », « Vérifier », « Soumettre ») and the
 *   sidebar, opened with the action its menu item asked for;
 * - api: what the sidebar calls through google.script.run (./rpc.ts) — the spreadsheet
 *   (./sheets-host.ts), HTTP to the sync service (./urlfetch-transport.ts) and the pane's storage
 *   in the user's properties (./properties-storage.ts).
 *
 * onOpen may run before the person has authorised the add-on in this file (AuthMode.NONE), where
 * only the menu may be drawn: it touches nothing else. Requests go only to the service the person
 * connected to, so the add-on cannot be used as a relay to any other address.
 */
import {
  type CellMark,
  type Connection,
  type NumberFix,
  type PaneRequest,
  type SheetSpec,
  STORAGE_KEYS,
  serviceUrl,
} from '#core';
import { propertyStore, type TextStore } from './properties-storage.ts';
import {
  readingToWire,
  type ServerApi,
  SIDEBAR_START_MARKER,
  type SidebarStart,
  toWire,
  type WireSheetContent,
  type WriteEnd,
  type WriteStart,
} from './rpc.ts';
import { createSheetsHost, type MarkMemory, type StoredMark } from './sheets-host.ts';
import { urlFetch } from './urlfetch-transport.ts';
import { MENU_LABELS } from './wording.ts';

/** The service address the connection form starts with (`npm run build:sheets -- --service …`). */
declare const PAC_DEFAULT_SERVICE: string;

/** Where the marks of the last check are kept, in the document's properties. */
export const MARKS_KEY = 'pac.marks';

function htmlService(): GoogleAppsScript.HTML.HtmlService {
  return (globalThis as unknown as { HtmlService: GoogleAppsScript.HTML.HtmlService }).HtmlService;
}

function markMemory(store: TextStore): MarkMemory {
  return {
    load(): StoredMark[] {
      try {
        const marks = JSON.parse(store.get(MARKS_KEY) ?? '[]') as unknown;
        return Array.isArray(marks) ? (marks as StoredMark[]) : [];
      } catch {
        // Unreadable marks cannot be put back; the next check simply starts afresh.
        return [];
      }
    },
    save(marks) {
      if (marks.length === 0) store.remove(MARKS_KEY);
      else store.set(MARKS_KEY, JSON.stringify(marks));
    },
  };
}

const host = () => createSheetsHost({ marks: markMemory(propertyStore('document')) });
const userStore = () => propertyStore('user');

/** The pane stores under its own keys only ("pac.plan"…); chunk keys and anything else are refused. */
function storageKey(key: string): string {
  if (!(Object.values(STORAGE_KEYS) as string[]).includes(key))
    throw new Error(`Unknown storage key "${key}"`);
  return key;
}

/** Refuses a request to anywhere but the connected service (see the header). */
function checkDestination(url: string): void {
  let connection: Partial<Connection> | null = null;
  try {
    connection = JSON.parse(userStore().get(STORAGE_KEYS.connection) ?? 'null') as Partial<Connection> | null;
  } catch {
    connection = null;
  }
  const service = connection?.service;
  if (!service || !url.startsWith(serviceUrl(service, '/'))) {
    throw new Error('PAC : adresse hors du service connecté / address outside the connected service');
  }
}

function openSidebar(action: SidebarStart['action']): void {
  const start: SidebarStart = { action, defaultService: PAC_DEFAULT_SERVICE };
  // "<" escaped so that no text in the start data can close the page's script element.
  const json = JSON.stringify(start).replace(/</g, '\\u003c');
  const page = htmlService().createHtmlOutputFromFile('Sidebar').getContent();
  const html = htmlService()
    .createHtmlOutput(page.replace(SIDEBAR_START_MARKER, () => json))
    .setTitle('PAC');
  host().showSidebar(html);
}

export const triggers = {
  onOpen(_event?: unknown): void {
    host().addMenu([
      { label: MENU_LABELS.open, functionName: 'showSidebar' },
      { label: MENU_LABELS.check, functionName: 'checkFromMenu' },
      { label: MENU_LABELS.submit, functionName: 'submitFromMenu' },
    ]);
  },
  onInstall(event?: unknown): void {
    triggers.onOpen(event);
  },
  showSidebar(): void {
    openSidebar(null);
  },
  checkFromMenu(): void {
    openSidebar('check');
  },
  submitFromMenu(): void {
    openSidebar('submit');
  },
};

export const api: ServerApi = {
  pacReadWorkbook: () => JSON.stringify(readingToWire(host().readWorkbook())),
  pacReadSheet: (name) => JSON.stringify(host().readSheet(name)),
  pacReadSheetsForImport: () => {
    const wire: WireSheetContent[] = host().readSheetsForImport().map(toWire);
    return JSON.stringify(wire);
  },
  pacBeginWrite: (start) => {
    host().beginWrite((JSON.parse(start) as WriteStart).sheets);
    return '';
  },
  pacWriteSheet: (sheet) => {
    host().writeSheet(JSON.parse(sheet) as SheetSpec);
    return '';
  },
  pacEndWrite: (end) => {
    host().endWrite((JSON.parse(end) as WriteEnd).sheets);
    return '';
  },
  pacWriteNumbers: (cells) => {
    host().writeNumbers(JSON.parse(cells) as NumberFix[]);
    return '';
  },
  pacMarkCells: (marks) => {
    host().markCells(JSON.parse(marks) as CellMark[]);
    return '';
  },
  pacSelectCell: (sheet, range) => {
    host().selectCell(sheet, range);
    return '';
  },
  pacFetch: (request) => {
    const req = JSON.parse(request) as PaneRequest;
    checkDestination(req.url);
    return JSON.stringify(urlFetch(req));
  },
  pacStorageGet: (key) => userStore().get(storageKey(key)),
  pacStorageSet: (key, json) => {
    userStore().set(storageKey(key), json);
    return '';
  },
  pacStorageRemove: (key) => {
    userStore().remove(storageKey(key));
    return '';
  },
};
