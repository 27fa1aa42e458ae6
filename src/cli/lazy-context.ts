import type { CliContext } from "./cli-context.js";

/** A CliContext for the process entry, with the `load()` that makes it usable. */
export interface LazyCliContext {
  ctx: CliContext;
  /** Reads `.env` (saying so on stderr) and builds the real context; run before the first command action. */
  load(): Promise<void>;
}

/** Lines to stdout and stderr, without importing anything. */
const io = {
  out: (s: string) => void process.stdout.write(`${s}\n`),
  err: (s: string) => void process.stderr.write(`${s}\n`),
};

/**
 * The context `steward` runs with: output goes straight to stdout/stderr, while `.env`, the config schema, the logger
 * and (through the real context) the database are loaded by `load()`, which the CLI runs in a preAction hook. So
 * `--help` and usage errors never load them. Using config, log, clock or services before `load()` is a programming
 * error.
 */
export function lazyCliContext(env: NodeJS.ProcessEnv = process.env): LazyCliContext {
  let real: CliContext | undefined;
  const it = (): CliContext => {
    if (!real) throw new Error("the CLI context was used before load()");
    return real;
  };
  const ctx: CliContext = {
    get clock() {
      return it().clock;
    },
    config: () => it().config(),
    log: () => it().log(),
    out: io.out,
    err: io.err,
    services: () => it().services(),
    rawDataSource: () => it().rawDataSource(),
    close: async () => real?.close(),
  };
  return {
    ctx,
    async load() {
      if (real) return;
      const [{ loadEnvFile }, { createCliContext }] = await Promise.all([import("../config/index.js"), import("./cli-context.js")]);
      const file = loadEnvFile();
      if (file) io.err(`steward: read environment variables from ${file} (variables already set win)`);
      real = createCliContext(env, io);
    },
  };
}
