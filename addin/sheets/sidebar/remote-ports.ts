/**
 * The pane's three ports (#core PaneHost, PaneTransport, PaneStorage) in the sidebar, each call
 * going to the add-on's Apps Script side through google.script.run (./script-run.ts) as JSON text
 * (../rpc.ts says why). Writing a template is one call per sheet between a start and an end, so
 * that the pane's progress bar moves and no single Apps Script execution grows long.
 */
import type { Grid, PaneHost, PaneResponse, PaneStorage, PaneTransport } from '#core';
import {
  fromWire,
  readingFromWire,
  type WireSheetContent,
  type WireWorkbookReading,
  type WriteEnd,
  type WriteStart,
} from '../rpc.ts';
import type { ServerCall } from './script-run.ts';

export function remoteHost(call: ServerCall): PaneHost {
  return {
    async readWorkbook() {
      return readingFromWire(JSON.parse(await call('pacReadWorkbook')) as WireWorkbookReading);
    },
    async readSheet(name) {
      return JSON.parse(await call('pacReadSheet', name)) as Grid | null;
    },
    async readSheetsForImport(progress) {
      progress?.(0, 1);
      const wire = JSON.parse(await call('pacReadSheetsForImport')) as WireSheetContent[];
      progress?.(1, 1);
      return wire.map(fromWire);
    },
    async writeWorkbook(spec, progress) {
      const total = spec.sheets.length + 2;
      progress?.(0, total);
      const start: WriteStart = { sheets: spec.sheets.map((s) => s.name) };
      await call('pacBeginWrite', JSON.stringify(start));
      progress?.(1, total);
      for (const [i, sheet] of spec.sheets.entries()) {
        await call('pacWriteSheet', JSON.stringify(sheet));
        progress?.(i + 2, total);
      }
      const end: WriteEnd = { sheets: spec.sheets.map(({ key, name, state }) => ({ key, name, state })) };
      await call('pacEndWrite', JSON.stringify(end));
      progress?.(total, total);
    },
    async writeNumbers(cells) {
      await call('pacWriteNumbers', JSON.stringify(cells));
    },
    async markCells(marks) {
      await call('pacMarkCells', JSON.stringify(marks));
    },
    async selectCell(sheet, range) {
      await call('pacSelectCell', sheet, range);
    },
  };
}

/** Rejects only when google.script.run fails: the service gave no answer, or Google could not be reached. */
export function remoteTransport(call: ServerCall): PaneTransport {
  return {
    async request(req) {
      return JSON.parse(await call('pacFetch', JSON.stringify(req))) as PaneResponse;
    },
  };
}

/** A value that cannot be read back is treated as absent rather than breaking the pane. */
export function remoteStorage(call: ServerCall): PaneStorage {
  return {
    async get<T>(key: string): Promise<T | null> {
      const text = await call('pacStorageGet', key);
      if (text === null || text === undefined) return null;
      try {
        return JSON.parse(text) as T;
      } catch {
        return null;
      }
    },
    async set(key, value) {
      await call('pacStorageSet', key, JSON.stringify(value));
    },
    async remove(key) {
      await call('pacStorageRemove', key);
    },
  };
}
