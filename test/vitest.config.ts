import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Test runner settings shared by unit, integration and browser tests. */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Most files wait on sockets, MariaDB or Chromium rather than the CPU: one more worker than cores (vitest's
    // default is one fewer, a single worker on 2 cores) keeps the cores busy. Capped so memory stays bounded.
    maxWorkers: Math.min(4, availableParallelism() + 1),
    // Files that share a worker share its module cache instead of importing TypeORM, the SDKs and the sources once
    // per file (that import was a third of the suite's time); each file still opens its own databases, fakes and
    // servers, and no test relies on fresh module state.
    isolate: false,
    deps: { interopDefault: false },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: "UTC" },
  },
});
