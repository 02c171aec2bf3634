// The checking thread's entry point: a worker thread does not inherit the tsx loader the service
// runs under, so it registers it before loading the TypeScript (as server/cli/pac.js does).
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
