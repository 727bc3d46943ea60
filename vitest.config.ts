import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The two halves of the generated hostile requests are the longest files by far: they start first,
 * one on each worker, and the rest of the suite fills in beside them.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const longest = (file: TestSpecification) =>
      /[/\\]test[/\\]hostile(-routes)?\.test\.ts$/.test(file.moduleId);
    return [...sorted.filter(longest), ...sorted.filter((file) => !longest(file))];
  }
}

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The fault suite runs on its own: npm run test:faults (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, "test/faults/**"],
    globalSetup: ["test/support/global-setup.ts"],
    // Browser walks share the two cores with the hostile requests: a minute, not 30 s.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only queue on the CPU and on PostgreSQL.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
  },
});
