/**
 * The sidebar page's start: the shared pane (#core) with ports that reach Apps Script through
 * google.script.run, worded for Sheets. Opened from « Vérifier » it checks the sheet as soon as
 * it is ready, from « Soumettre » it checks and sends; the Apps Script side writes which one into
 * the page (window.PAC_START, see ../rpc.ts).
 *
 * Opened outside Google Sheets (the page's file or address in a plain browser) there is no
 * google.script.run, so neither the spreadsheet, the service nor the person's stored settings can
 * be reached: the pane says so, as the Excel pane does outside Excel, with every button disabled.
 */
import { PaneController, type PaneStorage, type PaneTransport } from '#core';
import { mountPane } from '../../pane-ui/view.ts';
import type { SidebarStart } from '../rpc.ts';
import { SHEETS_WORDING } from '../wording.ts';
import { remoteHost, remoteStorage, remoteTransport } from './remote-ports.ts';
import { insideSheets, scriptRunCaller } from './script-run.ts';

/** Outside Sheets: nothing is kept (the language chosen lasts as long as the page). */
function pageMemory(): PaneStorage {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => (values.get(key) as T | undefined) ?? null,
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  };
}

const noService: PaneTransport = {
  request: () => Promise.reject(new Error('Google Sheets is not available')),
};

async function main(): Promise<void> {
  const root = document.getElementById('pac-root');
  if (!root) return;
  const start = (window as unknown as { PAC_START?: SidebarStart | null }).PAC_START ?? null;
  const inside = insideSheets();
  const call = scriptRunCaller();
  const controller = new PaneController({
    host: inside ? remoteHost(call) : null,
    connectionNeedsHost: true,
    transport: inside ? remoteTransport(call) : noService,
    storage: inside ? remoteStorage(call) : pageMemory(),
    defaultService: start?.defaultService ?? '',
  });
  mountPane(root, controller, { wording: SHEETS_WORDING });
  if (!inside) return;
  await controller.start(start?.action === 'check' ? 'check' : null);
  if (start?.action === 'submit') await controller.submit();
}

void main();
