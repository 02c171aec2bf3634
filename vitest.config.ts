// Test runner settings: every test under tests/, in three projects so that everyday work runs the
// fast part alone (`npm run test:unit`, pure code and the counting fakes), while `npm test` runs all:
// - unit: the core, the dashboard's code, the Excel and Sheets hosts on their fakes;
// - integration: the service over HTTP on SQLite and PostgreSQL, files through LibreOffice, the
//   built add-ons, and the host tests that write very large sheets;
// - e2e: pages in headless Chromium.
// Generous timeouts for the tests that drive LibreOffice, Chromium or PostgreSQL.
import { configDefaults, defineConfig } from 'vitest/config';

export const E2E = ['tests/**/*.e2e.test.ts'];
export const UNIT = [
  'tests/core/**/*.test.ts',
  'tests/dashboard/**/*.test.ts',
  'tests/excel/**/*.test.ts',
  'tests/sheets/**/*.test.ts',
];
/** Files in the unit folders that are not quick: very large sheets, a service in a child process. */
export const SLOW = [
  'tests/excel/excel-host.test.ts',
  'tests/sheets/round-trip.test.ts',
  'tests/sheets/execution-round-trip.test.ts',
];
export const INTEGRATION = [
  'tests/server/**/*.test.ts',
  'tests/hosts/**/*.test.ts',
  'tests/project/**/*.test.ts',
  ...SLOW,
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, exclude: [...configDefaults.exclude, ...E2E, ...SLOW] },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION, exclude: [...configDefaults.exclude, ...E2E] },
      },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
