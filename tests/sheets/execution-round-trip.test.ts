// The Sheets add-on in execution mode, without Google: the built Apps Script side in a vm context
// with the fakes, the shared pane driving it through a google.script.run stand-in, and the real sync
// service over HTTP in a child process. The consolidator opens the 2025 period through the API;
// the sidebar inserts the « Exécution » workbook, finds a disbursement above its commitment at its
// cell, sends the corrected follow-up once, and shows the consolidator's comment once returned —
// the same pane code as in Excel, through the Sheets host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PaneController, placeOf, renderPane } from '#core';
import type { AddOn } from './apps-script.ts';
import { closeRoundTrip, openRoundTrip, type RoundTrip } from './round-trip-setup.ts';
import type { RunningService } from './service.ts';
import { openSidebarPane } from './sidebar-pane.ts';

let trip: RoundTrip | undefined;
let service: RunningService;
let addOn: AddOn;
let ministryToken: string;
let consolidatorToken: string;

beforeAll(async () => {
  trip = await openRoundTrip('pac-sheets-exec-');
  ({ service, addOn, ministryToken, consolidatorToken } = trip);
});

afterAll(() => closeRoundTrip(trip));

const openPane = () => openSidebarPane(addOn);

const text = (p: PaneController) =>
  renderPane(p.state)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));

/** The first row of « Exécution » whose activity has at least 10 planned for the year. */
function plannedRow(): number {
  for (const [r, cols] of addOn.sheet.sheet('Exécution').cells) {
    const planned = cols.get(4)?.value;
    if (r >= 5 && typeof planned === 'number' && planned >= 10) return r + 1;
  }
  throw new Error('no planned activity on the Exécution sheet');
}

describe('the Sheets add-on in execution mode against the sync service', () => {
  it('inserts the template, checks it, sends it once and shows the comment when returned', async () => {
    const opened = await service.api('/api/periods', consolidatorToken, {
      key: '2025',
      deadline: '2026-03-31',
    });
    expect(opened.status).toBe(201);
    addOn.call('onOpen', { authMode: 'LIMITED' });
    addOn.call('showSidebar');
    const pane = openPane();
    await pane.start();
    await pane.connect(service.base, ministryToken);
    expect(pane.state.connection.status).toBe('connected');

    await pane.listExecutionPeriods();
    expect(pane.state.execution.periods?.map((p) => p.key)).toEqual(['2025']);
    await pane.insertExecutionTemplate('2025');
    expect(addOn.sheet.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Exécution', 'Indicateurs', 'PAC_meta']),
    );
    expect(pane.state.workbook.kind).toBe('execution');

    const row = plannedRow();
    addOn.sheet.type('Exécution', `F${row}`, 6);
    addOn.sheet.type('Exécution', `I${row}`, 9);
    await pane.check();
    expect(
      (pane.state.report?.findings ?? [])
        .filter((f) => f.severity === 'error')
        .map((f) => [placeOf(f.where, 'fr'), f.code]),
    ).toEqual([[`Exécution!I${row}`, 'disbursed_over_committed']]);
    expect(addOn.sheet.cell('Exécution', `I${row}`)?.background).toBe('#ffc7ce');

    addOn.sheet.type('Exécution', `I${row}`, 2);
    await pane.submit();
    expect(text(pane)).toContain('Suivi 2025 reçu : version 1');
    const status = await service.api<{ ministries: { ministry: string; state: string; returnId: string }[] }>(
      '/api/periods/2025/status',
      consolidatorToken,
    );
    const marcc = status.body.ministries.find((m) => m.ministry === 'MARCC');
    expect(marcc?.state).toBe('submitted');
    // The same content again is a replay: still one version.
    await pane.submit();
    expect(pane.state.execution.receipt?.version).toBe(1);

    const review = await service.api(
      `/api/periods/2025/returns/${marcc?.returnId}/review`,
      consolidatorToken,
      {
        action: 'return',
        comment: 'Joindre les justificatifs du décaissé.',
      },
    );
    expect(review.status).toBe(200);
    const again = openPane();
    await again.start();
    expect(again.state.workbook.kind).toBe('execution');
    expect(text(again)).toContain('renvoyé pour correction');
    expect(text(again)).toContain(
      'Commentaire du Secrétariat permanent : Joindre les justificatifs du décaissé.',
    );
  });
});
