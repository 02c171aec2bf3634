/**
 * google.script.run as promises: the sidebar's one way to reach the add-on's Apps Script side. Each
 * call gets its own runner (withSuccessHandler/withFailureHandler return a new one), so calls made
 * at the same time never share handlers. A failure — the server function threw, the browser lost
 * Google, the script timed out — rejects with an Error carrying Apps Script's message.
 */
import type { ServerApi, ServerFunction } from '../rpc.ts';

/** The part of google.script.run the sidebar uses; its server functions are looked up by name. */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

export type ServerCall = <K extends ServerFunction>(
  name: K,
  ...args: Parameters<ServerApi[K]>
) => Promise<ReturnType<ServerApi[K]>>;

function pageScriptRun(): ScriptRunner | undefined {
  return (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google?.script?.run;
}

/** False when the page was opened outside Google Sheets (a file or address opened in a browser). */
export function insideSheets(): boolean {
  return pageScriptRun() !== undefined;
}

function pageRunner(): ScriptRunner {
  const run = pageScriptRun();
  if (!run) throw new Error('google.script.run is not available: this page runs inside Google Sheets only');
  return run;
}

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  const message = (error as { message?: unknown } | null)?.message;
  return new Error(typeof message === 'string' ? message : String(error));
}

export function scriptRunCaller(runner: () => ScriptRunner = pageRunner): ServerCall {
  return (name, ...args) =>
    new Promise((resolve, reject) => {
      try {
        const r = runner()
          .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[typeof name]>))
          .withFailureHandler((error) => reject(asError(error)));
        const f = (r as unknown as Record<string, unknown>)[name];
        if (typeof f !== 'function') throw new Error(`google.script.run has no function ${name}`);
        f.apply(r, args);
      } catch (error) {
        reject(asError(error));
      }
    });
}
