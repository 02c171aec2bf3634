/**
 * A separate process that submits returns to a store, for the tests that need more than one
 * process on one database or a process killed mid-burst. Once its store is open it prints `ready`
 * and waits for a line on stdin, so that several workers start submitting at the same moment; it
 * prints `ack <id> <version>` only once insertSubmission has resolved, that is once the transaction
 * has committed.
 *
 *   node --import tsx submit-worker.ts '{"config":{…},"ministry":"MARCC","count":15,"concurrency":4}'
 */
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { ReturnDocument } from '#core';
import { openStore, type StoreConfig } from '../../../server/store/open-store.ts';
import { returnDocument, returnLine } from './fixtures.ts';

export interface WorkerArgs {
  config: StoreConfig;
  ministry: string;
  count: number;
  concurrency: number;
  /** Size of the file stored with each submission (0 for none). */
  fileBytes: number;
  /**
   * Pause between two submissions of one loop (ms). Without it a process that never waits on I/O
   * between transactions holds SQLite's write lock back to back and another process, polling
   * with growing sleeps, gets in only when the first is done: correct, but not a race worth testing.
   */
  pauseMs?: number;
}

/** The file stored with submission `id`: derived from the id, so a reader can check it byte for byte. */
export function fileFor(id: string, size: number): Uint8Array {
  const block = createHash('sha256').update(id).digest();
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += block.length) block.copy(out, i);
  return out;
}

/** The return sent as submission `id`: its id in the line's comment, so a reader can tell it apart. */
export function payloadFor(id: string, ministry: string): ReturnDocument {
  return returnDocument(ministry, [returnLine('1.1.1.1', id.length, id)]);
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as WorkerArgs;
  const store = await openStore(args.config);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < args.count) {
      next += 1;
      const id = randomUUID();
      const payload = payloadFor(id, args.ministry);
      const result = await store.insertSubmission(
        {
          id,
          ministry: args.ministry,
          planId: 'pnlevt-2021-2025',
          planVersion: '1',
          clientKey: id,
          payloadHash: createHash('sha256').update(JSON.stringify(payload)).digest('hex'),
          source: 'xlsx',
          fileName: `${id}.xlsx`,
          payload,
          file: args.fileBytes > 0 ? fileFor(id, args.fileBytes) : null,
          findings: [],
          errorCount: 0,
          warningCount: 0,
        },
        { tokenId: null, label: `worker ${process.pid}`, role: 'ministry' },
      );
      // Writes to a pipe are synchronous on Linux: once this returns, the parent can read it.
      process.stdout.write(`ack ${result.submission.id} ${result.submission.version}\n`);
      if (args.pauseMs) await sleep(args.pauseMs);
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, loop));
  await store.close();
}

// Run only as a script: the tests import fileFor and payloadFor from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
