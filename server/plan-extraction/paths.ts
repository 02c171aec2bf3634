/** Where the plan document's text and the canonical plan JSON live in the repository. */
import { fileURLToPath } from 'node:url';

export const SOURCE_DIR = fileURLToPath(new URL('../../templates/source', import.meta.url));
export const PLAN_JSON_PATH = fileURLToPath(
  new URL('../../templates/pnlevt-2021-2025.json', import.meta.url),
);
