/**
 * Where returns are checked: a JSON return's text (planning or execution), and an uploaded
 * workbook's bytes. The checks are the CPU of a submission (a 150-line JSON return: about a
 * millisecond of parsing, schema, lines, checks and hashing; an uploaded workbook: tens to
 * hundreds of milliseconds of unzipping and reading), and on the event loop they hold every other
 * request back, reads included. With threads, that work runs on worker threads while the event
 * loop keeps reading, writing and answering: on a machine of two or more cores, more submissions
 * per second, and reads that never wait behind a submission's checks.
 *
 * `inThread` does the same work on the event loop (the tests' in-process services, and
 * PAC_CHECK_THREADS=0). A thread that dies fails only the requests it held (answered 500, nothing
 * written) and is replaced.
 */
import { Worker } from 'node:worker_threads';
import type { Lang } from '#core';
import {
  checkExecutionJson,
  type ExecutionCheckTerms,
  type ExecutionJsonCheck,
} from '../execution/check-execution-json.ts';
import type { LoadedPlan } from '../plan/plan-cache.ts';
import { checkJsonReturn, type JsonCheck } from './check-json.ts';
import type { CheckAnswer, CheckRequest, CheckResult, CheckWork } from './check-worker.ts';
import { type AnyWorkbookResult, type ValidateOptions, validateAnyWorkbook } from './validate-file.ts';

export interface ReturnChecker {
  /** Worker threads doing the checks; 0 when they run on the event loop. */
  readonly threads: number;
  checkJson(text: string, lang: Lang, plan: LoadedPlan): Promise<JsonCheck>;
  /** A JSON execution return, against the plan's side of its period. */
  checkExecutionJson(
    text: string,
    lang: Lang,
    plan: LoadedPlan,
    terms: ExecutionCheckTerms,
  ): Promise<ExecutionJsonCheck>;
  /** An uploaded workbook, read and checked as `validateAnyWorkbook` does (`pac validate`'s reading). */
  checkWorkbook(bytes: Uint8Array, plan: LoadedPlan, options: ValidateOptions): Promise<AnyWorkbookResult>;
  close(): Promise<void>;
}

export const inThread: ReturnChecker = {
  threads: 0,
  checkJson: async (text, lang, plan) => checkJsonReturn(text, lang, plan.index),
  checkExecutionJson: async (text, lang, plan, terms) => checkExecutionJson(text, lang, plan.index, terms),
  checkWorkbook: (bytes, plan, options) => validateAnyWorkbook(bytes, plan.index, options),
  close: async () => {},
};

const ENTRY = new URL('../thread-entry.js', import.meta.url);
const MODULE = new URL('./check-worker.ts', import.meta.url).href;
/**
 * Requests a thread holds at once: the one it works on and the next, so that it never waits for
 * the event loop between two. The others wait in one queue, in their order of arrival.
 */
const HELD_PER_THREAD = 2;

interface Pending {
  resolve: (result: CheckResult) => void;
  reject: (error: Error) => void;
}

/** A request not yet given to a thread. */
interface Waiting extends Pending {
  work: CheckWork;
  plan: LoadedPlan;
}

/** One worker thread, what it was given and not yet answered, and the plans it was sent. */
class CheckThread {
  readonly worker = new Worker(ENTRY, { workerData: { module: MODULE } });
  readonly pending = new Map<number, Pending>();
  readonly plans = new Set<string>();

  constructor(onAnswer: () => void, onExit: (thread: CheckThread, why: Error) => void) {
    // Idle, it does not keep the process alive; busy, it does (see ask).
    this.worker.unref();
    this.worker.on('message', (answer: CheckAnswer) => {
      const pending = this.pending.get(answer.id);
      if (!pending) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) this.worker.unref();
      if ('error' in answer) pending.reject(new Error(`checking thread: ${answer.error}`));
      else pending.resolve(answer.result);
      onAnswer();
    });
    this.worker.on('error', (error) => onExit(this, error));
    this.worker.on('exit', (code) => onExit(this, new Error(`checking thread stopped (exit code ${code})`)));
  }

  ask(id: number, waiting: Waiting): void {
    if (this.pending.size === 0) this.worker.ref();
    this.pending.set(id, waiting);
    const etag = waiting.plan.row.etag;
    // A plan's document crosses to a thread once; after that its ETag names it.
    const document = this.plans.has(etag) ? undefined : waiting.plan.index.plan;
    this.plans.add(etag);
    const request: CheckRequest = { ...waiting.work, id, plan: { etag, document } };
    this.worker.postMessage(request);
  }

  failAll(why: Error): void {
    for (const pending of this.pending.values()) pending.reject(why);
    this.pending.clear();
  }
}

/**
 * `count` worker threads (at least one), fed from one queue in order of arrival: a thread takes
 * the next request when it has room. Handing each request at once to the least busy thread
 * instead left it behind the whole queue of a thread the system had paused, and a few requests
 * waited three times as long as the others.
 */
export function checkThreads(count: number): ReturnChecker {
  let closing = false;
  let nextId = 1;
  const queue: Waiting[] = [];
  const threads: CheckThread[] = [];
  const feed = () => {
    for (const thread of threads) {
      while (thread.pending.size < HELD_PER_THREAD && queue.length > 0) {
        thread.ask(nextId++, queue.shift() as Waiting);
      }
    }
  };
  const onExit = (thread: CheckThread, why: Error) => {
    const at = threads.indexOf(thread);
    if (at < 0) return;
    thread.failAll(why);
    if (closing) threads.splice(at, 1);
    else threads[at] = new CheckThread(feed, onExit);
    feed();
  };
  for (let i = 0; i < Math.max(1, count); i++) threads.push(new CheckThread(feed, onExit));

  const ask = (work: CheckWork, plan: LoadedPlan): Promise<CheckResult> => {
    if (closing) return Promise.reject(new Error('the checking threads are stopping'));
    return new Promise((resolve, reject) => {
      queue.push({ work, plan, resolve, reject });
      feed();
    });
  };

  return {
    threads: threads.length,
    checkJson: (text, lang, plan) => ask({ kind: 'json', text, lang }, plan) as Promise<JsonCheck>,
    checkExecutionJson: (text, lang, plan, terms) =>
      ask({ kind: 'execution-json', text, lang, terms }, plan) as Promise<ExecutionJsonCheck>,
    // The bytes are copied to the thread, not moved: the service keeps the file with the version.
    checkWorkbook: (bytes, plan, options) =>
      ask({ kind: 'workbook', bytes, options }, plan) as Promise<AnyWorkbookResult>,
    async close() {
      closing = true;
      for (const waiting of queue.splice(0)) waiting.reject(new Error('the checking threads are stopping'));
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
