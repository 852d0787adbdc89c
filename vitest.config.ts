import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./src", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    // `npm test` prints it (vitest run --coverage): statements, branches, functions and lines of src/ and worker/.
    coverage: {
      provider: "v8",
      include: ["src/**/*.{ts,tsx}", "worker/**/*.ts"],
      exclude: ["src/generated/**"],
      reporter: ["text-summary", ["json-summary", { file: "coverage-summary.json" }]],
      reportsDirectory: "tests/.tmp/coverage",
    },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", sequence: { groupOrder: 0 } },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: two files at a time, each on its own database.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
