/**
 * The cost rule of the legacy import (even split over the marked years) now lives in the core (addin/core), so that the
 * add-ins' panes run the very same code on an opened sheet; this module keeps the server's import
 * path working.
 */
export { type EvenSplit, splitEvenly } from '#core';
