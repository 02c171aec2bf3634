/**
 * A pass-through to the Sheets stand-in, one per service instance, that notes which instance sent
 * each request and when: with several instances sharing one outbox, it tells whose sends the
 * stand-in received and whether two ever overlapped (tests/server/two-instances.test.ts and
 * tests/bench/two-instances.bench.ts).
 */
import { createServer, type Server } from 'node:http';

export interface Forwarded {
  instance: string;
  path: string;
  start: number;
  end: number;
}

/** A pass-through to the stand-in that notes which instance sent each request, and when. */
export async function taggingProxy(instance: string, target: string, log: Forwarded[]): Promise<Server> {
  const server = createServer((req, res) => {
    const start = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
        ) as Record<string, string>;
        const answer = await fetch(new URL(req.url ?? '/', target), {
          method: req.method,
          headers,
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        });
        const body = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        });
        res.end(body);
      } catch (error) {
        res.writeHead(502).end(String(error));
      } finally {
        log.push({ instance, path: req.url ?? '', start, end: performance.now() });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

/** Consecutive requests of one instance, in time order: one send of the workbook each. */
export function sendsOf(
  log: Forwarded[],
): { instance: string; requests: number; start: number; end: number }[] {
  const sends: { instance: string; requests: number; start: number; end: number }[] = [];
  for (const r of [...log].sort((a, b) => a.start - b.start)) {
    const last = sends.at(-1);
    if (last && last.instance === r.instance && r.start - last.end < 1_000) {
      last.requests += 1;
      last.end = Math.max(last.end, r.end);
    } else {
      sends.push({ instance: r.instance, requests: 1, start: r.start, end: r.end });
    }
  }
  return sends;
}

/** How many sends began before the previous one (by another instance) had ended. */
export function overlapping(sends: ReturnType<typeof sendsOf>): number {
  return sends.filter((s, i) => i > 0 && s.start < (sends[i - 1] as (typeof sends)[number]).end).length;
}
