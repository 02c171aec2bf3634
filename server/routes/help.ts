/**
 * /aide (French) and /help (English): the planners' help page, the add-in manifest's SupportUrl.
 * Public, like the pane. The address it gives is PAC_PUBLIC_URL when set (what the planners'
 * computers reach), else the address the page was asked on. No script at all: its CSP allows only
 * its own inline style sheet, by hash.
 */
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { Lang } from '#core';
import { HELP_PATH, HELP_PATH_EN, HELP_STYLE, helpPage } from '../help/help-page.ts';

const STYLE_HASH = createHash('sha256').update(HELP_STYLE).digest('base64');
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface HelpOptions {
  publicUrl?: string | null | undefined;
  contact?: string | null | undefined;
}

export function helpRoutes(options: HelpOptions = {}): Hono {
  const page = (c: Context, lang: Lang) =>
    c.html(
      helpPage(lang, {
        origin: options.publicUrl ?? new URL(c.req.url).origin,
        contact: options.contact ?? null,
      }),
      200,
      {
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    );
  const app = new Hono();
  app.get(HELP_PATH, (c) => page(c, 'fr'));
  app.get(HELP_PATH_EN, (c) => page(c, 'en'));
  return app;
}
