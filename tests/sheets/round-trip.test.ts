// The add-on end to end, without Google: the built Apps Script side in a vm context with the fakes
// (./apps-script.ts), the shared pane driving it through a google.script.run stand-in, and the real
// sync service over HTTP in a child process (fresh SQLite, tokens made through the API). A French
// spreadsheet (fr_FR) is set up from the ministry's plan, checked (findings on Saisie!cells, marked),
// filled and submitted; an answer lost on the way is sent again with the same key and makes no
// second version; the review state and the secretariat's comment show when the sidebar opens again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PaneController, placeOf, renderPane, STORAGE_KEYS } from '#core';
import { SHEETS_WORDING } from '../../addin/sheets/wording.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
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
  trip = await openRoundTrip('pac-sheets-rt-');
  ({ service, addOn, ministryToken, consolidatorToken } = trip);
});

afterAll(() => closeRoundTrip(trip));

const openPane = () => openSidebarPane(addOn);

const said = (p: PaneController) => p.state.notices.map((n) => n.say(SHEETS_WORDING.fr, 'fr'));
const flat = (p: PaneController) =>
  (p.state.report?.findings ?? []).map((f) => [placeOf(f.where, 'fr'), f.code, f.severity]);

/** The 1-based row of an activity on the entry sheet. */
function rowOf(code: string): number {
  const rows = addOn.sheet.sheet('Saisie').cells;
  for (const [r, cols] of rows) if (cols.get(0)?.value === code) return r + 1;
  throw new Error(`no row for ${code}`);
}

const costed = shippedPlan()
  .activitiesOf('MARCC')
  .filter((a) => a.costNote === null);

describe('the Sheets add-on against the sync service', () => {
  it('sets up, checks, submits once, and shows the review', async () => {
    addOn.call('onOpen', { authMode: 'LIMITED' });
    addOn.call('showSidebar');
    const pane = openPane();
    await pane.start();
    expect(pane.state.connection.status).toBe('none');
    expect(pane.state.workbook.kind).toBe('empty');

    // Connect: the token goes to the user's properties, never into the spreadsheet.
    await pane.connect(service.base, ministryToken);
    expect(pane.state.connection).toMatchObject({ status: 'connected', label: 'CPS MARCC' });
    // The whole plan is kept, as the service checks with it.
    expect(pane.state.plan?.ministry).toBeNull();
    expect(addOn.user.dump()).toContain(ministryToken);
    expect(addOn.document.dump()).not.toContain(ministryToken);

    // Set up: one call to begin, one per sheet, one to end; one setValues per sheet.
    addOn.runs.clear();
    addOn.sheet.resetCalls();
    await pane.setup();
    expect(said(pane)).toEqual([expect.stringMatching(/^Feuille prête : 12 activités\./)]);
    expect(Object.fromEntries(addOn.runs)).toEqual({
      pacReadWorkbook: 1,
      pacFetch: 1,
      pacStorageSet: 1,
      pacBeginWrite: 1,
      pacWriteSheet: 6,
      pacEndWrite: 1,
    });
    expect(addOn.sheet.callCount('Range.setValues')).toBe(6);
    expect(addOn.sheet.sheets.map((s) => s.name)).toEqual([
      'Feuille 1',
      "Mode d'emploi",
      'Saisie',
      'Synthèse',
      'Contrôles',
      'Listes',
      'PAC_meta',
    ]);

    // Check with a split that does not add up and a word in an amount cell.
    const [first, second] = costed;
    if (!first || !second) throw new Error('MARCC needs two costed activities');
    const r1 = rowOf(first.code);
    const r2 = rowOf(second.code);
    addOn.sheet.type('Saisie', `G${r1}`, 100);
    addOn.sheet.type('Saisie', `H${r1}`, 50);
    addOn.sheet.type('Saisie', `M${r1}`, 100);
    addOn.sheet.type('Saisie', `N${r1}`, 20);
    addOn.sheet.type('Saisie', `I${r2}`, 'abc');
    addOn.runs.clear();
    await pane.check();
    const errors = flat(pane).filter(([, , severity]) => severity === 'error');
    expect(errors).toEqual([
      [`Saisie!M${r1}`, 'funding_split_mismatch', 'error'],
      [`Saisie!I${r2}`, 'unreadable_number', 'error'],
    ]);
    expect(flat(pane)).toContainEqual([`Saisie!F${r2 + 1}`, 'line_not_filled', 'warning']);
    // Checked in the sidebar with no network: one read, one call to mark.
    expect(Object.fromEntries(addOn.runs)).toEqual({ pacReadWorkbook: 1, pacMarkCells: 1 });
    const input = addOn.sheet.cell('Saisie', `G${r1}`)?.background;
    expect(addOn.sheet.cell('Saisie', `M${r1}`)?.background).toBe('#ffc7ce');
    expect(addOn.sheet.cell('Saisie', `I${r2}`)?.background).toBe('#ffc7ce');
    expect(addOn.sheet.cell('Saisie', `F${r2 + 1}`)?.background).toBe('#ffeb9c');

    // A finding's place selects its cell.
    await pane.select(pane.state.report?.findings.findIndex((f) => f.code === 'unreadable_number') ?? -1);
    expect(addOn.sheet.selection).toEqual({ sheet: 'Saisie', a1: `I${r2}` });

    // Fixed and submitted: the marks are gone, the service has version 1.
    addOn.sheet.type('Saisie', `N${r1}`, 50);
    addOn.sheet.type('Saisie', `I${r2}`, null);
    await pane.submit();
    expect(said(pane)[0]).toMatch(/^Retour reçu : version 1, le \d\d\/\d\d\/\d{4} à \d\d:\d\d\.$/);
    expect(pane.state.pending).toBeNull();
    expect(addOn.sheet.cell('Saisie', `M${r1}`)?.background).toBe(input);
    expect(addOn.sheet.cell('Saisie', `I${r2}`)?.background).toBe(input);
    const v1 = await service.api<{
      return: { payload: { lines: { activity: string; years: Record<string, number> }[] } };
    }>('/api/returns/MARCC/1', service.adminToken);
    expect(v1.status).toBe(200);
    expect(v1.body.return.payload.lines.find((l) => l.activity === first.code)?.years).toMatchObject({
      2021: 100,
      2022: 50,
    });
    expect(pane.state.review).toMatchObject({ version: 1, state: 'submitted' });

    // The next return reaches the service but its answer is lost: kept, then sent again with the
    // same Idempotency-Key — the service answers with the version it already made.
    addOn.sheet.type('Saisie', `J${r1}`, 25);
    addOn.sheet.type('Saisie', `M${r1}`, 125);
    const before = addOn.urlFetch.requests.length;
    addOn.urlFetch.failures.push('lose-answer');
    await pane.submit();
    expect(pane.state.pending).toMatchObject({ attempts: 1 });
    expect(pane.state.connection.status).toBe('offline');
    expect(said(pane)[0]).toMatch(/^Hors ligne : le retour préparé le .* est conservé dans votre compte/);
    expect(renderPane(pane.state, SHEETS_WORDING)).toContain('(1 essai), conservé dans votre compte.');
    expect(addOn.user.dump()).toContain(STORAGE_KEYS.pending);
    await pane.retryNow();
    expect(pane.state.pending).toBeNull();
    expect(pane.state.receipt).toMatchObject({ version: 2, replayed: true });
    // One sentence, not « Retour reçu : version 2 » followed by « déjà reçu ».
    expect(said(pane)[0]).toMatch(
      /^Ce retour avait déjà été reçu : c'est la version 2, du \d\d\/\d\d\/\d{4} à \d\d:\d\d ; aucune nouvelle version n'a été créée\.$/,
    );
    expect(said(pane).filter((s) => s.startsWith('Retour reçu'))).toEqual([]);
    const posts = addOn.urlFetch.requests.slice(before).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.headers['idempotency-key']).toMatch(/^pac-/);
    expect(posts[1]?.headers['idempotency-key']).toBe(posts[0]?.headers['idempotency-key']);
    expect(posts[0]?.contentType).toBe('application/json');
    const list = await service.api<{ returns: { version: number }[] }>(
      '/api/returns?ministry=MARCC',
      service.adminToken,
    );
    expect(list.body.returns.map((r) => r.version).sort()).toEqual([1, 2]);
    expect(addOn.user.dump()).not.toContain(STORAGE_KEYS.pending);
    pane.dispose();

    // The secretariat sends version 2 back; the sidebar opened again says so, with the comment.
    const comment = `Ligne ${first.code} : la répartition par année est à revoir.`;
    const review = await service.api(`/api/returns/MARCC/2/review`, consolidatorToken, {
      action: 'return',
      comment,
    });
    expect(review.status).toBe(200);
    const again = openPane();
    await again.start();
    expect(again.state.connection.status).toBe('connected');
    expect(again.state.workbook.kind).toBe('template');
    expect(again.state.review).toMatchObject({ version: 2, state: 'returned', reviewComment: comment });
    const html = renderPane(again.state, SHEETS_WORDING);
    expect(html).toContain('id="pac-review" class="review returned"');
    expect(html).toContain('id="pac-review-comment"');
    expect(html).toContain('la répartition par année est à revoir.');
    again.dispose();

    // Nothing of the connection was ever written into the spreadsheet.
    const everything = JSON.stringify(
      addOn.sheet.sheets.map((s) =>
        [...s.cells.values()].flatMap((c) => [...c.values()].map((x) => x.value)),
      ),
    );
    expect(everything).not.toContain(ministryToken);
    expect(addOn.document.dump()).not.toContain(ministryToken);
  });
});
