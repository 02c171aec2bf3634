/**
 * The store with more than one process on one database, on every backend: two processes
 * numbering one ministry's versions together, and a process killed (SIGKILL) in the middle of a
 * burst of submissions, after which every acknowledged submission must be there, intact, and no
 * half-written one may be.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachBackend, useFreshDatabase } from './backends.ts';
import { ADMIN, count, planVersion } from './fixtures.ts';
import { fileFor, payloadFor, type WorkerArgs } from './submit-worker.ts';

const WORKER = fileURLToPath(new URL('./submit-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Worker {
  child: ChildProcess;
  /** Resolves when the worker has opened its store and waits for `go()`. */
  ready: Promise<void>;
  go(): void;
  acks: { id: string; version: number }[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWorker(args: WorkerArgs, onAck?: (acks: number) => void): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(args)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const acks: Worker['acks'] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') markReady();
      const [, id, version] = line.split(' ');
      if (id && version) acks.push({ id, version: Number(version) });
    }
    onAck?.(acks.length);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, ready, go: () => child.stdin?.end('go\n'), acks, exited };
}

describeEachBackend('store across processes', (backend) => {
  const t = useFreshDatabase(backend);

  it('numbers one ministry 1..30 when two processes submit at once', async () => {
    await t().store.publishPlan(planVersion('1'), ADMIN);
    const args: WorkerArgs = {
      config: t().config,
      ministry: 'MARCC',
      count: 15,
      concurrency: 3,
      fileBytes: 0,
      pauseMs: 20,
    };
    const workers = [startWorker(args), startWorker(args)];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    for (const w of workers) expect(await w.exited).toMatchObject({ code: 0, stderr: '' });
    const versions = workers.flatMap((w) => w.acks.map((a) => a.version)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('keeps every acknowledged submission, intact, when the process is killed mid-burst', async () => {
    const { store, db } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const fileBytes = 64 * 1024;
    const worker = startWorker(
      { config: t().config, ministry: 'MARCC', count: 5000, concurrency: 8, fileBytes },
      (acks) => {
        if (acks >= 40) worker.child.kill('SIGKILL');
      },
    );
    await worker.ready;
    worker.go();
    const exit = await worker.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(worker.acks.length).toBeGreaterThanOrEqual(40);

    // Reopened as a restarted service would.
    const after = await t().openAnother();
    for (const ack of worker.acks) {
      const row = await after.submission(ack.id);
      expect(row?.version).toBe(ack.version);
      expect(row?.payload).toEqual(payloadFor(ack.id, 'MARCC'));
      expect(Buffer.from((await after.submissionFile(ack.id)) ?? []).equals(fileFor(ack.id, fileBytes))).toBe(
        true,
      );
    }
    // Whatever committed after the last ack read is whole too: versions without gaps, each with
    // its file and its audit entry.
    const all = await after.listSubmissions({ ministry: 'MARCC' });
    expect(all.map((s) => s.version).reverse()).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(await count(db, 'submission_files')).toBe(all.length);
    expect(await count(db, 'audit_log')).toBe(1 + all.length);
    for (const s of all) {
      expect(Buffer.from((await after.submissionFile(s.id)) ?? []).equals(fileFor(s.id, fileBytes))).toBe(
        true,
      );
    }
  });
});
