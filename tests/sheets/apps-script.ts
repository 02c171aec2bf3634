/**
 * The built add-on (dist/sheets: pac.js, Code.js, Sidebar.html) loaded in a Node `vm` context that
 * holds only ECMAScript's own globals plus hand-written fakes of the Apps Script services it uses —
 * no setTimeout, URL, TextEncoder or fetch, which Apps Script does not have either:
 *
 * - SpreadsheetApp: ./fake-spreadsheet.ts;
 * - PropertiesService: user and document stores that enforce Apps Script's limits (9 kB per value,
 *   500 kB per store), so that the add-on's chunking is exercised;
 * - HtmlService: createHtmlOutputFromFile reads the built files;
 * - UrlFetchApp: forwards each request synchronously over real HTTP (./sync-http.ts); like the
 *   real one it throws on a status ≥ 400 unless muteHttpExceptions is set, and it can be told to
 *   fail (service down) or to lose the answer of a request that did reach the service.
 *
 * `scriptRun` is google.script.run for code running in the test: each call is made on a later
 * turn of the event loop, its arguments and answer checked to be what google.script.run can carry,
 * and a thrown error handed to the failure handler as Apps Script does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { ScriptRunner } from '../../addin/sheets/sidebar/script-run.ts';
import { FakeSpreadsheet } from './fake-spreadsheet.ts';
import { type SyncHttp, syncHttp } from './sync-http.ts';

const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class FakeProperties {
  data = new Map<string, string>();
  calls = 0;

  private check(next: Map<string, string>) {
    for (const [k, v] of next) {
      if (bytes(v) > VALUE_LIMIT) throw new Error(`Argument too large: value (${k}, ${bytes(v)} bytes)`);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > STORE_LIMIT) throw new Error('You have exceeded the property storage quota.');
  }
  getProperty(key: string) {
    this.calls++;
    return this.data.get(key) ?? null;
  }
  getProperties() {
    this.calls++;
    return Object.fromEntries(this.data);
  }
  getKeys() {
    return [...this.data.keys()];
  }
  setProperty(key: string, value: string) {
    return this.setProperties({ [key]: value }, false);
  }
  setProperties(values: Record<string, string>, deleteAllOthers = false) {
    this.calls++;
    const next = new Map(deleteAllOthers ? [] : this.data);
    for (const [k, v] of Object.entries(values)) next.set(k, String(v));
    this.check(next);
    this.data = next;
    return this;
  }
  deleteProperty(key: string) {
    this.calls++;
    this.data.delete(key);
    return this;
  }
  deleteAllProperties() {
    this.data.clear();
    return this;
  }
  /** Every stored key and value, for "the token is not here" assertions. */
  dump(): string {
    return JSON.stringify([...this.data]);
  }
}

class FakeHtmlOutput {
  private title = '';
  constructor(private content: string) {}
  getContent() {
    return this.content;
  }
  setContent(c: string) {
    this.content = c;
    return this;
  }
  setTitle(t: string) {
    this.title = t;
    return this;
  }
  getTitle() {
    return this.title;
  }
}

export interface FetchRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  contentType?: string;
  payload?: string;
  status?: number;
}

export class FakeUrlFetch {
  requests: FetchRecord[] = [];
  /** What happens to the next requests: sent normally, refused before sending, or answer lost. */
  failures: ('down' | 'lose-answer')[] = [];

  constructor(private readonly http: SyncHttp) {}

  fetch(url: string, params: Record<string, unknown> = {}) {
    const method = String(params.method ?? 'get').toUpperCase();
    const headers = { ...((params.headers as Record<string, string>) ?? {}) };
    if (typeof params.contentType === 'string') headers['content-type'] = params.contentType;
    const record: FetchRecord = {
      url,
      method,
      headers,
      ...(typeof params.contentType === 'string' ? { contentType: params.contentType } : {}),
      ...(typeof params.payload === 'string' ? { payload: params.payload } : {}),
    };
    this.requests.push(record);
    const failure = this.failures.shift();
    if (failure === 'down') throw new Error(`Address unavailable: ${url}`);
    const res = this.http.request({
      url,
      method,
      headers,
      ...(typeof params.payload === 'string' ? { body: params.payload } : {}),
    });
    if (!res.ok) throw new Error(`Exception: ${res.error}: ${url}`);
    if (failure === 'lose-answer') throw new Error(`Exception: connection reset: ${url}`);
    record.status = res.status;
    if (res.status >= 400 && params.muteHttpExceptions !== true) {
      throw new Error(`Request failed for ${url} returned code ${res.status}.`);
    }
    return {
      getResponseCode: () => res.status,
      getAllHeaders: () => ({ ...res.headers }),
      getHeaders: () => ({ ...res.headers }),
      getContentText: () => res.body,
    };
  }
}

export interface AddOn {
  sheet: FakeSpreadsheet;
  user: FakeProperties;
  document: FakeProperties;
  urlFetch: FakeUrlFetch;
  /** The vm context: the global functions Apps Script would call, and PAC. */
  context: vm.Context;
  /** Calls a global function of the add-on as Apps Script would. */
  call(name: string, ...args: unknown[]): unknown;
  /** google.script.run for the sidebar's code, counting calls per server function. */
  scriptRun(): ScriptRunner;
  runs: Map<string, number>;
  close(): Promise<void>;
}

export interface LoadOptions {
  /** The built add-on's directory (buildSheets' outDir). */
  dir: string;
  locale?: string;
  sheets?: string[];
}

export function loadAddOn(options: LoadOptions): AddOn {
  const sheet = new FakeSpreadsheet({
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.sheets ? { sheets: options.sheets } : {}),
  });
  const user = new FakeProperties();
  const document = new FakeProperties();
  const http = syncHttp();
  const urlFetch = new FakeUrlFetch(http);
  const logs: string[] = [];
  const context = vm.createContext({
    SpreadsheetApp: sheet.app(),
    PropertiesService: { getUserProperties: () => user, getDocumentProperties: () => document },
    HtmlService: {
      createHtmlOutputFromFile: (name: string) =>
        new FakeHtmlOutput(readFileSync(join(options.dir, `${name}.html`), 'utf8')),
      createHtmlOutput: (content: string) => new FakeHtmlOutput(content),
    },
    UrlFetchApp: { fetch: (url: string, params?: Record<string, unknown>) => urlFetch.fetch(url, params) },
    console: {
      log: (...a: unknown[]) => logs.push(a.join(' ')),
      error: (...a: unknown[]) => logs.push(a.join(' ')),
    },
  });
  // Apps Script loads every file of the project into one global scope.
  for (const file of ['pac.js', 'Code.js']) {
    vm.runInContext(readFileSync(join(options.dir, file), 'utf8'), context, { filename: file });
  }
  const call = (name: string, ...args: unknown[]) => {
    const f = context[name];
    if (typeof f !== 'function') throw new Error(`no global function ${name}`);
    return f(...args);
  };
  const runs = new Map<string, number>();
  const carries = (v: unknown) =>
    v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v);

  const runner = (success?: (v: unknown) => void, failure?: (e: unknown) => void): ScriptRunner =>
    new Proxy({} as ScriptRunner, {
      get(_, prop) {
        if (prop === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, failure);
        if (prop === 'withFailureHandler') return (f: (e: unknown) => void) => runner(success, f);
        if (typeof prop !== 'string' || typeof context[prop] !== 'function') return undefined;
        return (...args: unknown[]) => {
          setImmediate(() => {
            runs.set(prop, (runs.get(prop) ?? 0) + 1);
            try {
              if (!args.every(carries))
                throw new Error(`google.script.run cannot carry the arguments of ${prop}`);
              const value = call(prop, ...args);
              // PAC's functions answer in text; anything else would be mangled on the way.
              if (!carries(value)) throw new Error(`${prop} answered a ${typeof value}, not text`);
              success?.(value);
            } catch (error) {
              failure?.(new Error(error instanceof Error ? error.message : String(error)));
            }
          });
        };
      },
    });

  return {
    sheet,
    user,
    document,
    urlFetch,
    context,
    call,
    scriptRun: () => runner(),
    runs,
    close: () => http.close(),
  };
}
