/**
 * Builds the canonical plan from the text of the plan document: the detailed tables of
 * section IV, the summary table of section II.2.1 and the ministry directory, checked against
 * the plan schema. Deterministic: the same text always gives the same JSON.
 */
import { createHash } from 'node:crypto';
import { Plan, spellingKey } from '#core';
import { extractDetail } from './detail.ts';
import { extractEnvelope } from './envelope.ts';
import { JOINT_SPELLINGS, MINISTRY_DIRECTORY } from './ministry-directory.ts';

export const PLAN_ID = 'pnlevt-2021-2025';
export const PLAN_VERSION = '1';
export const SOURCE_FILE = 'pnlevt-plan-action-2021-2025.txt';

function resolver() {
  const map = new Map<string, string[]>();
  for (const m of MINISTRY_DIRECTORY) {
    map.set(spellingKey(m.code), [m.code]);
    for (const s of m.spellings) map.set(spellingKey(s), [m.code]);
  }
  for (const j of JOINT_SPELLINGS) map.set(spellingKey(j.asWritten), j.ministries);
  return { resolve: (text: string) => map.get(spellingKey(text)) ?? null };
}

export function extractPlan(text: string): Plan {
  const lines = text.split('\n');
  const ministries = resolver();
  const detail = extractDetail(lines, ministries);
  const envelope = extractEnvelope(lines, ministries.resolve);
  const responsible = new Set(detail.activities.flatMap((a) => [a.responsible, ...a.jointWith]));
  const plan: Plan = {
    plan: {
      id: PLAN_ID,
      version: PLAN_VERSION,
      title:
        "Plan d'action 2021–2025 de la Politique nationale de prévention et de lutte contre l'extrémisme violent et le terrorisme (PNLEVT)",
      years: envelope.years,
      unit: 'millions FCFA',
      source: {
        file: SOURCE_FILE,
        sha256: createHash('sha256').update(text).digest('hex'),
        section: 'IV (détail) et II.2.1 (enveloppe)',
      },
    },
    ministries: MINISTRY_DIRECTORY.map((m) => ({ ...m, returns: responsible.has(m.code) })),
    jointSpellings: JOINT_SPELLINGS.map((j) => ({ ...j, ministries: [...j.ministries] })),
    ...detail,
    envelope,
  };
  return Plan.parse(plan);
}
