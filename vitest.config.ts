// Test runner settings: every test under tests/, Node environment, generous timeouts for the
// tests that drive LibreOffice, Chromium or PostgreSQL.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
