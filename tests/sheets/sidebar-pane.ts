/**
 * The sidebar's pane as the page builds it, its ports going through google.script.run to the
 * built Apps Script side loaded by ./apps-script.ts; automatic retries are off, since they would
 * race a test's own steps (a test retries by hand).
 */
import { PaneController } from '#core';
import { remoteHost, remoteStorage, remoteTransport } from '../../addin/sheets/sidebar/remote-ports.ts';
import { scriptRunCaller } from '../../addin/sheets/sidebar/script-run.ts';
import type { AddOn } from './apps-script.ts';

export function openSidebarPane(addOn: AddOn): PaneController {
  const call = scriptRunCaller(() => addOn.scriptRun());
  return new PaneController({
    host: remoteHost(call),
    transport: remoteTransport(call),
    storage: remoteStorage(call),
    defaultService: '',
    connectionNeedsHost: true,
    retryDelaysMs: [3_600_000],
    tick: async () => {},
  });
}
