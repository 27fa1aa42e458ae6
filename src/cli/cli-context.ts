import type { DataSource } from "typeorm";
import { loadConfig, type Config } from "../config/index.js";
import { AppError } from "../lib/app-error.js";
import { systemClock, type Clock } from "../lib/clock.js";
import { createLogger, logFormatFor, type Logger } from "../lib/logger.js";
import type { Services } from "../services/create-services.js";

/** What every CLI command gets: config, output streams, and lazily opened database + services. */
export interface CliContext {
  config(): Config;
  log(): Logger;
  clock: Clock;
  out(line: string): void;
  err(line: string): void;
  /** Opens (and migrates) the database and builds the services; closed by `close()`. */
  services(): Promise<Services>;
  /** A connected DataSource without running migrations (for `db status`). */
  rawDataSource(): Promise<DataSource>;
  close(): Promise<void>;
}

/**
 * Builds the CLI context over an environment; tests pass their own env and output sinks. TypeORM, the database
 * driver and the services are imported on first use, so commands that never touch the database never load them.
 */
export function createCliContext(
  env: NodeJS.ProcessEnv = process.env,
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  },
  clock: Clock = systemClock,
): CliContext {
  let config: Config | undefined;
  let log: Logger | undefined;
  let ds: DataSource | undefined;
  let services: Services | undefined;
  const ctx: CliContext = {
    clock,
    out: io.out,
    err: io.err,
    config: () => (config ??= loadConfig(env)),
    log: () => (log ??= createLogger(env.LOG_LEVEL ?? "warn", undefined, logFormatFor(ctx.config().logFormat))),
    async services() {
      if (services) return services;
      const [{ openDatabase }, { createServices }] = await Promise.all([import("../db/data-source.js"), import("../services/create-services.js")]);
      ds ??= await openDatabase(ctx.config().database);
      services = createServices({ ds, clock, log: ctx.log(), config: ctx.config() });
      return services;
    },
    async rawDataSource() {
      if (ds) return ds;
      const { createDataSource } = await import("../db/data-source.js");
      const fresh = await createDataSource(ctx.config().database);
      try {
        await fresh.initialize();
      } catch (err) {
        throw new AppError("database_unavailable", `Cannot open the database: ${(err as Error).message}. Check DATABASE_URL.`);
      }
      ds = fresh;
      return ds;
    },
    async close() {
      if (ds?.isInitialized) await ds.destroy();
    },
  };
  return ctx;
}
