import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of workspace dependencies (the
// `@afs/source` export condition), so no package needs building first.
export default defineConfig({
  ssr: { resolve: { conditions: ['@afs/source'] } },
  resolve: { conditions: ['@afs/source'] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-report/results.json' },
    testTimeout: 30_000,
  },
});
