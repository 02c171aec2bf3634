/**
 * Draws the pane into a page and wires its buttons to the controller: the one part of the shared
 * pane that touches the DOM (browser globals only, so it runs in the Excel task pane and in the
 * Google Sheets sidebar alike). The pane is redrawn from the state after every change — it is
 * small — keeping what the person is typing in the connection form and where the focus was.
 */
import type { Lang } from '../layout.ts';
import type { PaneController } from './controller.ts';
import { PANE_CSS, renderPane } from './markup.ts';
import type { PaneWording } from './wording.ts';

export interface MountOptions {
  /** Adds the pane's style sheet to the document (hosts with their own CSS may skip it). */
  withStyles?: boolean;
  /** The pane's sentences, when the host words some differently (default: PANE_WORDING). */
  wording?: Readonly<Record<Lang, PaneWording>>;
}

export function mountPane(
  root: HTMLElement,
  controller: PaneController,
  options: MountOptions = {},
): () => void {
  const doc = root.ownerDocument;
  if (options.withStyles !== false && !doc.getElementById('pac-style')) {
    const style = doc.createElement('style');
    style.id = 'pac-style';
    style.textContent = PANE_CSS;
    doc.head.appendChild(style);
  }

  const draw = () => {
    const fields = new Map<string, string>();
    for (const input of root.querySelectorAll('input')) fields.set(input.name, input.value);
    const focused =
      doc.activeElement instanceof HTMLElement && root.contains(doc.activeElement) ? doc.activeElement : null;
    const focusKey = focused?.getAttribute('name') ?? focused?.getAttribute('data-action') ?? null;
    root.innerHTML = renderPane(controller.state, options.wording);
    for (const input of root.querySelectorAll('input')) {
      const kept = fields.get(input.name);
      if (kept !== undefined) input.value = kept;
    }
    if (focusKey) {
      const again = root.querySelector<HTMLElement>(`[name="${focusKey}"], [data-action="${focusKey}"]`);
      again?.focus();
    }
  };

  const onClick = (event: Event) => {
    const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-action]');
    if (!target || target.tagName === 'FORM') return;
    const action = target.dataset.action;
    if (action === 'check') void controller.check();
    else if (action === 'submit') void controller.submit();
    else if (action === 'setup') void controller.setup();
    else if (action === 'convert') void controller.convert();
    else if (action === 'disconnect') void controller.disconnect();
    else if (action === 'retry') void controller.retryNow();
    else if (action === 'lang') void controller.setLang((target.dataset.lang ?? 'fr') as Lang);
    else if (action === 'select') void controller.select(Number(target.dataset.index));
    else if (action === 'fix-ask') controller.askFix();
    else if (action === 'fix-cancel') controller.cancelFix();
    else if (action === 'fix-apply') void controller.applyFix();
  };
  const onSubmit = (event: Event) => {
    const form = event.target as HTMLFormElement;
    if (form.dataset.action !== 'connect') return;
    event.preventDefault();
    const data = new FormData(form);
    void controller.connect(String(data.get('service') ?? ''), String(data.get('token') ?? ''));
  };
  const view = doc.defaultView;
  const onOnline = () => void controller.retryNow();

  root.addEventListener('click', onClick);
  root.addEventListener('submit', onSubmit);
  view?.addEventListener('online', onOnline);
  const unsubscribe = controller.subscribe(draw);
  return () => {
    unsubscribe();
    root.removeEventListener('click', onClick);
    root.removeEventListener('submit', onSubmit);
    view?.removeEventListener('online', onOnline);
  };
}
