/**
 * Regenerates the shipped templates (templates/xlsx/*.xlsx) from the canonical plan. Run with
 * `npm run build:templates`; the test suite checks that the committed files hold exactly the cells
 * this produces.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedPlan } from '../plan/shipped-plan.ts';
import { templateFile } from '../xlsx/template-file.ts';
import { shippedTemplates, TEMPLATES_DIR } from './shipped-templates.ts';

const index = shippedPlan();
mkdirSync(TEMPLATES_DIR, { recursive: true });
for (const { file, options } of shippedTemplates(index)) {
  const { buffer } = await templateFile(index, options);
  writeFileSync(join(TEMPLATES_DIR, file), buffer);
  console.log(`${join(TEMPLATES_DIR, file)} : ${(buffer.length / 1024).toFixed(1)} Ko`);
}
