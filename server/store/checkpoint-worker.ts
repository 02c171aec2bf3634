/**
 * The checkpoint thread of a SQLite file (./checkpoints.ts starts it through ../thread-entry.js):
 * its own connection, a checkpoint every `everyMs`, closed when asked. It says once that it is
 * ready, so the service's connection stops checkpointing itself only when this one can.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type CheckpointWork, checkpointStep } from './checkpoints.ts';

const work = workerData as CheckpointWork;
const db = new Database(work.file);
// Checkpoints sync the WAL before copying it and the database after (NORMAL and FULL alike).
db.pragma('synchronous = NORMAL');
// Only a RESTART waits, for the commit under way and for readers of older pages; writers wait
// meanwhile (on timers, not the event loop), so it gives up after half a second and tries again at
// a later step rather than hold them longer.
db.pragma('busy_timeout = 500');
const timer = setInterval(() => {
  try {
    checkpointStep(db, work.restartFrames);
  } catch {
    // Busy (another process's checkpoint, a RESTART that waited too long): next time.
  }
}, work.everyMs);
parentPort?.postMessage('ready');
parentPort?.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
