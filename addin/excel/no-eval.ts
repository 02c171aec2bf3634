/**
 * Imported first by the pane's entry (taskpane.ts), before any schema exists: the pane's
 * Content-Security-Policy forbids eval (server/routes/static.ts), so zod is told to parse without
 * compiled code. Zod decides when each object schema is built — at import time — and otherwise
 * probes with `new Function`, which the browser reports as a CSP violation even though zod catches
 * it.
 */
import { config } from 'zod';

config({ jitless: true });
