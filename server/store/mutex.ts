/**
 * A first-come, first-served async mutex. The SQLite adapter needs one because its connection is
 * shared by every request of the process while the Store's API is async: without it, another
 * request's statement could run on the connection between two awaits of an open transaction, see
 * its uncommitted rows, and be rolled back with it.
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` once every earlier holder has finished (resolved or thrown). */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    // The next holder waits for this one to settle, whatever its outcome.
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
