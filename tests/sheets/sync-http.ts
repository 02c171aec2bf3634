/**
 * A synchronous HTTP call for the UrlFetchApp fake, since UrlFetchApp.fetch blocks until the
 * answer is in and the add-on's code relies on that. A worker thread makes the real request with
 * fetch; the calling thread sleeps in Atomics.wait until the worker has posted the answer on a
 * MessagePort, then takes it with receiveMessageOnPort — no polling, no child process per call.
 *
 * The sync service must not run on the calling thread (it would be asleep too): the tests start it
 * in a child process (./service-process.ts).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export interface SyncRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export type SyncResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | { ok: false; error: string };

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { flag, port } = workerData;
parentPort.on('message', async (req) => {
  let result;
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'follow' });
    const headers = {};
    res.headers.forEach((value, name) => { headers[name] = value; });
    result = { ok: true, status: res.status, headers, body: await res.text() };
  } catch (error) {
    result = { ok: false, error: String(error && error.cause ? error.cause.code || error.message : error) };
  }
  port.postMessage(result);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export interface SyncHttp {
  request(req: SyncRequest): SyncResult;
  close(): Promise<void>;
}

export function syncHttp(timeoutMs = 30_000): SyncHttp {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { eval: true, workerData: { flag, port: port2 }, transferList: [port2] });
  worker.unref();
  return {
    request(req) {
      Atomics.store(flag, 0, 0);
      worker.postMessage(req);
      if (Atomics.wait(flag, 0, 0, timeoutMs) === 'timed-out') return { ok: false, error: 'timeout' };
      const message = receiveMessageOnPort(port1);
      return (
        (message?.message as SyncResult | undefined) ?? { ok: false, error: 'no answer from the worker' }
      );
    },
    async close() {
      port1.close();
      await worker.terminate();
    },
  };
}
