/**
 * Starts the sync service in a child process (./service-process.ts) for the Sheets tests, and
 * calls its API as an administrator or a consolidator would — asynchronously, from the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./service-process.ts', import.meta.url));

export interface RunningService {
  base: string;
  adminToken: string;
  api<T = Record<string, unknown>>(
    path: string,
    token: string,
    json?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** Creates a token through the API and returns its secret. */
  token(role: 'ministry' | 'consolidator', label: string, ministry?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startService(): Promise<RunningService> {
  const dir = await mkdtemp(join(tmpdir(), 'pac-sheets-service-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT, join(dir, 'data')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`service exited (${code}): ${stderr}`)));
  });
  const { base, adminToken } = JSON.parse(first) as { base: string; adminToken: string };
  const api: RunningService['api'] = async (path, token, json) => {
    const res = await fetch(`${base}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    base,
    adminToken,
    api,
    async token(role, label, ministry) {
      const made = await api<{ secret: string }>('/api/tokens', adminToken, {
        role,
        label,
        ...(ministry ? { ministry } : {}),
      });
      if (made.status !== 201) throw new Error(`token: ${JSON.stringify(made.body)}`);
      return made.body.secret;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
