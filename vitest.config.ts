import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          // Integration tests talk to the real Docker engine; the first image build takes minutes.
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/specs/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 600_000,
          // One browser and one workbench at a time: the build machines have two cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'bench',
          include: ['bench/**/*.bench.ts'],
          environment: 'node',
          testTimeout: 1_200_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
