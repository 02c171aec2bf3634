/**
 * Time-ordered ids (UUID version 7, RFC 9562, with the "monotonic counter" method), for rows that
 * are listed in the order they were written, such as audit entries. Two entries written within the
 * same millisecond by this process still sort in the order they were written: the audit log reads
 * "publish, then submit", never the other way round, without a database sequence that the two
 * dialects would spell differently.
 */
import { randomUUID } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function sortableId(nowMs: number = Date.now()): string {
  let ms = nowMs;
  if (ms <= lastMs) {
    // Same millisecond (or a clock that stepped back): keep the last time and count on.
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  // 20 random hex digits from a version 4 UUID's random fields (not its version and variant
  // digits): Node draws those from a pooled buffer, where randomBytes(8) was one system call per
  // audit entry, on the event loop of every write.
  const uuid = randomUUID();
  const random = `${uuid.slice(0, 8)}${uuid.slice(24, 36)}`;
  const time = ms.toString(16).padStart(12, '0').slice(-12);
  const variant = (Number.parseInt(random.slice(0, 2), 16) & 0x3f) | 0x80;
  const tail = random.slice(2, 16);
  return [
    time.slice(0, 8),
    time.slice(8, 12),
    `7${counter.toString(16).padStart(3, '0')}`,
    `${variant.toString(16).padStart(2, '0')}${tail.slice(0, 2)}`,
    tail.slice(2, 14),
  ].join('-');
}
