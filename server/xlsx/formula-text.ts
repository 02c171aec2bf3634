/**
 * Formula comparison keys and exact constant arithmetic now live in the core (addin/core), so that the
 * add-ins' panes run the very same code on an opened sheet; this module keeps the server's import
 * path working.
 */
export { constantValue, formulaKey } from '#core';
