// A worker thread's entry point, for the threads the service starts (checking threads, SQLite's
// checkpoints): a worker does not inherit the tsx loader the service runs under, so this registers
// it, then loads the TypeScript module named in workerData.module (as server/cli/pac.js does).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
