/**
 * Timers, as every place the core runs has them (a browser, Apps Script's V8, Node) though the
 * language itself does not: looked up on the global object when called, so the core compiles
 * without the DOM's or Node's types and a test may install its own.
 */
export type TimerId = unknown;

interface Timers {
  setTimeout(callback: () => void, ms?: number): TimerId;
  clearTimeout(id: TimerId): void;
}

const timers = () => globalThis as unknown as Timers;

export function setTimer(callback: () => void, ms?: number): TimerId {
  return timers().setTimeout(callback, ms);
}

export function clearTimer(id: TimerId): void {
  timers().clearTimeout(id);
}
