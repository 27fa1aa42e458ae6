import { defineConfig } from "vitest/config";

/** Test runner settings shared by unit, integration and browser tests. */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    deps: { interopDefault: false },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: "UTC" },
  },
});
