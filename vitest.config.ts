import { defineConfig } from 'vitest/config';

/**
 * unit: no servers. stores and e2e: against the native stack (`npm run stack -- up`), which
 * `npm test` brings up first. browser: the storefront in Debian's chromium over the whole system,
 * which its global setup starts. faults: kill parts of that stack under load. `npm test` runs
 * browser and faults each in a vitest run of its own, after the rest (scripts/test.sh).
 * compose: docker-compose.yml brought up by testcontainers on a Docker engine, once per broker; npm
 * test runs it when an engine answers (scripts/test.sh), .ci/run always, on images it builds.
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
      {
        test: {
          name: 'compose',
          include: ['tests/compose/**/*.test.ts'],
          testTimeout: 300_000,
          // Building the eight app images and starting every store, the first time.
          hookTimeout: 1_200_000,
          fileParallelism: false,
          // Nothing can be pulled here: not Ryuk's image, nor the alpine testcontainers would start to find the host.
          env: { TESTCONTAINERS_RYUK_DISABLED: 'true', TESTCONTAINERS_HOST_OVERRIDE: 'localhost' },
        },
      },
    ],
  },
});
