import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/real/**'],
        },
      },
      {
        // Real brokers after everything else and one file at a time: their JVMs would slow the
        // other tests, and the other tests (or each other) would disturb what they measure.
        extends: true,
        test: {
          name: 'real',
          include: ['test/real/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
