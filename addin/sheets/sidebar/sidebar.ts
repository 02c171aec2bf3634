/**
 * The sidebar page's start: the shared pane (#core) with ports that reach Apps Script through
 * google.script.run, worded for Sheets. Opened from « Vérifier » it checks the sheet as soon as
 * it is ready, from « Soumettre » it checks and sends; the Apps Script side writes which one into
 * the page (window.PAC_START, see ../rpc.ts).
 */
import { mountPane, PaneController } from '#core';
import type { SidebarStart } from '../rpc.ts';
import { SHEETS_WORDING } from '../wording.ts';
import { remoteHost, remoteStorage, remoteTransport } from './remote-ports.ts';
import { scriptRunCaller } from './script-run.ts';

async function main(): Promise<void> {
  const root = document.getElementById('pac-root');
  if (!root) return;
  const start = (window as unknown as { PAC_START?: SidebarStart | null }).PAC_START ?? null;
  const call = scriptRunCaller();
  const controller = new PaneController({
    host: remoteHost(call),
    transport: remoteTransport(call),
    storage: remoteStorage(call),
    defaultService: start?.defaultService ?? '',
  });
  mountPane(root, controller, { wording: SHEETS_WORDING });
  await controller.start(start?.action === 'check' ? 'check' : null);
  if (start?.action === 'submit') await controller.submit();
}

void main();
