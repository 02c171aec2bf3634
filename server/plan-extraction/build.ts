/**
 * Regenerates templates/pnlevt-2021-2025.json from the plan document's text
 * (templates/source/). Run with `npm run build:plan`; the test suite checks that the committed
 * JSON is exactly what this produces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extractPlan, SOURCE_FILE } from './extract.ts';
import { PLAN_JSON_PATH, SOURCE_DIR } from './paths.ts';

const plan = extractPlan(readFileSync(`${SOURCE_DIR}/${SOURCE_FILE}`, 'utf8'));
writeFileSync(PLAN_JSON_PATH, `${JSON.stringify(plan, null, 2)}\n`);
console.log(
  `${PLAN_JSON_PATH} : ${plan.activities.length} activités, ${plan.results.length} résultats, ${plan.objectives.length} OS.`,
);
