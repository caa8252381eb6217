import { defineConfig } from 'vitest/config';

/**
 * unit: no servers. stores and e2e: against the native stack (`npm run stack -- up`), which
 * `npm test` brings up first. browser: the storefront in Debian's chromium over the whole system,
 * which its global setup starts. faults: kill parts of that stack under load. `npm test` runs
 * browser and faults each in a vitest run of its own, after the rest (scripts/test.sh).
 * Slow, real-process tests get generous deadlines; they poll, never sleep.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/test/**/*.test.ts',
            'services/*/test/unit/**/*.test.ts',
            'tests/static/**/*.test.ts',
            'tests/scripts/**/*.test.ts',
            'tests/deploy/**/*.test.ts',
            'web/test/unit/**/*.test.ts',
          ],
        },
      },
      { test: { name: 'stores', include: ['services/*/test/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'services/*/test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['web/test/browser/**/*.test.ts'],
          globalSetup: ['web/test/browser/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
