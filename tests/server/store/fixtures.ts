/**
 * Small builders for the store tests: actors, plan versions made from the shipped plan, new
 * submissions, and a Db that fails on chosen statements to prove transactions leave nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plan, ReturnDocument, ReturnLine } from '#core';
import type { Db, SqlValue } from '../../../server/store/db.ts';
import type { Actor, NewSubmission, NewToken } from '../../../server/store/store.ts';

export const SYSTEM: Actor = { tokenId: null, label: 'système', role: 'system' };
export const ADMIN: Actor = { tokenId: 'tok-admin', label: 'Administrateur', role: 'admin' };
export const CONSOLIDATOR: Actor = {
  tokenId: 'tok-sp',
  label: 'Secrétariat permanent',
  role: 'consolidator',
};
export const MARCC: Actor = { tokenId: 'tok-marcc', label: 'CPS MARCC', role: 'ministry' };

const SHIPPED = JSON.parse(
  readFileSync(new URL('../../../templates/pnlevt-2021-2025.json', import.meta.url), 'utf8'),
) as Plan;

/** The shipped plan under another version number (and optionally another title). */
export function planVersion(version: string, title?: string): Plan {
  return { ...SHIPPED, plan: { ...SHIPPED.plan, version, title: title ?? SHIPPED.plan.title } };
}

export const PLAN_ID = SHIPPED.plan.id;

/** A line of a stored return: only the activity and its total matter to the store tests. */
export function returnLine(activity: string, total: number, comment: string | null = null): ReturnLine {
  return { activity, nature: null, years: {}, total, national: null, external: null, execution: [], comment };
}

/** A return document as the service stores it, for one ministry of the shipped plan. */
export function returnDocument(ministry: string, lines: ReturnLine[]): ReturnDocument {
  return { ministry, planId: PLAN_ID, planVersion: '1', lines };
}

export function newSubmission(overrides: Partial<NewSubmission> = {}): NewSubmission {
  const ministry = overrides.ministry ?? 'MARCC';
  return {
    id: randomUUID(),
    ministry,
    planId: PLAN_ID,
    planVersion: '1',
    clientKey: null,
    payloadHash: 'hash-a',
    source: 'json',
    fileName: null,
    payload: returnDocument(ministry, [returnLine('1.1.1.1', 150.5)]),
    file: null,
    findings: [],
    errorCount: 0,
    warningCount: 0,
    ...overrides,
  };
}

export function newToken(overrides: Partial<NewToken> = {}): NewToken {
  return {
    id: randomUUID(),
    hash: randomUUID().replaceAll('-', ''),
    role: 'consolidator',
    ministry: null,
    label: 'SP',
    expiresAt: null,
    ...overrides,
  };
}

/**
 * The same database, except that inside a transaction the first statement matching `failOn`
 * throws, as a full disk or a lost connection would, after the statements before it have run.
 */
export function failingDb(db: Db, failOn: RegExp): Db {
  const wrapTx = (tx: Db): Db => ({
    dialect: tx.dialect,
    query: <T>(sql: string, params?: readonly SqlValue[]) => tx.query<T>(sql, params),
    run: async (sql: string, params?: readonly SqlValue[]) => {
      if (failOn.test(sql)) throw new Error(`injected failure on: ${sql.slice(0, 40)}`);
      return tx.run(sql, params);
    },
    transaction: <T>(fn: (inner: Db) => Promise<T>) => tx.transaction((inner) => fn(wrapTx(inner))),
    close: () => tx.close(),
  });
  return {
    dialect: db.dialect,
    query: <T>(sql: string, params?: readonly SqlValue[]) => db.query<T>(sql, params),
    run: (sql: string, params?: readonly SqlValue[]) => db.run(sql, params),
    transaction: <T>(fn: (tx: Db) => Promise<T>) => db.transaction((tx) => fn(wrapTx(tx))),
    close: async () => {},
  };
}

/** Rows of a table, for checking that nothing was written. */
export async function count(db: Db, table: string): Promise<number> {
  const [row] = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n);
}
