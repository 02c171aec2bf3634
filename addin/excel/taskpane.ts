/**
 * The Excel task pane's start: wait for Office.js (when the page runs inside Office), build the
 * Excel host, fetch transport and local storage, and mount the shared pane (#core). Opened with
 * `?action=check` (the ribbon's "Vérifier" button) it checks the sheet as soon as it is ready.
 */
// First, before the core's schemas are built: no eval under the pane's CSP.
import './no-eval.ts';
import { PaneController } from '#core';
import { mountPane } from '../pane-ui/view.ts';
import { createExcelHost, officeReady } from './excel-host.ts';
import { fetchTransport } from './fetch-transport.ts';
import { localStorageStore } from './local-storage.ts';

/** Keeps the pane's files for offline use; API calls are never cached (see sw.ts). */
function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  navigator.serviceWorker.register('sw.js').catch(() => {
    // Offline use is a convenience: the pane works the same without it.
  });
}

async function main(): Promise<void> {
  const root = document.getElementById('pac-root');
  if (!root) return;
  const { inExcel } = await officeReady();
  const host = inExcel ? createExcelHost() : null;
  const hostProblem = !host ? 'missing' : host.supports('1.8') ? null : 'tooOld';
  const controller = new PaneController({
    host,
    hostProblem,
    transport: fetchTransport(),
    storage: localStorageStore(),
    defaultService: location.origin,
  });
  mountPane(root, controller);
  registerServiceWorker();
  const action = new URLSearchParams(location.search).get('action') === 'check' ? 'check' : null;
  await controller.start(action);
}

void main();
