import { defineConfig } from "vitest/config";

// The fault suite (`npm run test:faults`): each file starts a PostgreSQL cluster of its own and kills,
// restarts or starves real processes, so the files run one at a time.
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
