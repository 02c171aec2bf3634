/**
 * The wording of the legacy import now lives in the core (addin/core), so that the
 * add-ins' panes run the very same code on an opened sheet; this module keeps the server's import
 * path working.
 */
export { describeLine, importComment } from '#core';
