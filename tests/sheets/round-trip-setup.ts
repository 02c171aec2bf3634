/**
 * What the Sheets add-on's round trips share: the built Apps Script side loaded in a French
 * spreadsheet (./apps-script.ts), the real sync service in a child process (./service.ts), a MARCC
 * token and a consolidator token made through its API; and putting all of it away afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSheets } from '../../addin/sheets/build.ts';
import { type AddOn, loadAddOn } from './apps-script.ts';
import { type RunningService, startService } from './service.ts';

export interface RoundTrip {
  dir: string;
  service: RunningService;
  addOn: AddOn;
  ministryToken: string;
  consolidatorToken: string;
}

export async function openRoundTrip(prefix: string): Promise<RoundTrip> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const [service] = await Promise.all([startService(), buildSheets({ outDir: dir })]);
  const ministryToken = await service.token('ministry', 'CPS MARCC', 'MARCC');
  const consolidatorToken = await service.token('consolidator', 'Secrétariat permanent');
  return { dir, service, addOn: loadAddOn({ dir, locale: 'fr_FR' }), ministryToken, consolidatorToken };
}

export async function closeRoundTrip(trip: Partial<RoundTrip> | undefined): Promise<void> {
  await trip?.addOn?.close();
  await trip?.service?.stop();
  if (trip?.dir) await rm(trip.dir, { recursive: true, force: true });
}
