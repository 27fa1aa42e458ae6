import "reflect-metadata";
import type { Server } from "node:http";
import { projectPath } from "./config/project-paths.js";
import type { DataSource } from "typeorm";
import { ConfigError, describeConfig, loadConfig, loadEnvFile, type Config } from "./config/index.js";
import { openDatabase } from "./db/data-source.js";
import { createHttpApp } from "./http/app.js";
import { AppError, isAppError } from "./lib/app-error.js";
import { systemClock, type Clock } from "./lib/clock.js";
import { createLogger, logFormatFor, type Logger } from "./lib/logger.js";
import { isMainModule } from "./lib/main-module.js";
import { createMetrics, type Metrics } from "./lib/metrics.js";
import { HealthService } from "./services/health.service.js";
import { createServices, type Services } from "./services/create-services.js";
import { robotApiHeadroom } from "./services/paced-messenger.js";
import { startBot } from "./bot/bot-runtime.js";
import { startScheduler } from "./jobs/scheduler.js";
import type { ServiceDeps } from "./services/service-deps.js";
import { SessionService } from "./services/session.service.js";
import { serveMiniApp } from "./http/middleware/mini-app-static.middleware.js";
import { apiRoutes } from "./http/routes/api.route.js";
import { contractRoutes } from "./http/routes/contracts.route.js";
import { reminderRoutes } from "./http/routes/reminders.route.js";
import { miniAppSessionRoutes } from "./http/routes/miniapp-session.route.js";
import { createDingTalkClients, type DingTalkClients } from "./dingtalk/dingtalk-clients.js";
import { ApiCallMeter } from "./services/api-meter.service.js";

/** Where `npm ci` (postinstall) builds the workbench page. */
const MINI_APP_DIST = projectPath("mini-app", "dist");

/** A running steward: its HTTP address and a graceful stop. */
export interface RunningSteward {
  url: string;
  server: Server;
  ds: DataSource;
  services: Services;
  stop(): Promise<void>;
}

/** Options for tests and benchmarks: a clock, a logger, and whether to run the reminder scheduler (default yes). */
export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  scheduler?: boolean;
}

/**
 * Composition root: database (migrated) → services → HTTP, bot and jobs. Resolves once the service is ready to
 * answer; `stop()` undoes everything in reverse order: scheduler, Stream, HTTP, API-call meter, database.
 */
export async function startSteward(config: Config, opts: StartOptions = {}): Promise<RunningSteward> {
  const log = opts.log ?? createLogger(config.logLevel, undefined, logFormatFor(config.logFormat));
  const clock = opts.clock ?? systemClock;
  const metrics = createMetrics();
  const ds = await openDatabase(config.database);
  const stops: { name: string; stop: () => Promise<void> }[] = [{ name: "database", stop: async () => void (await ds.destroy()) }];
  const onStop = (name: string, stop: () => Promise<void>) => stops.unshift({ name, stop });
  const stopAll = async () => {
    for (const s of stops.splice(0)) await s.stop().catch((err) => log.error({ err, part: s.name }, "error while stopping"));
  };
  try {
    const health = new HealthService(ds, metrics);
    const deps: ServiceDeps = { ds, clock, log, config };
    const dingtalk = config.dingtalk ? connectDingTalk(config, deps, health, onStop, metrics) : null;
    const services = createServices(deps, { reminders: { clients: dingtalk ?? undefined, onDeliveries: (labels, n) => metrics.remindersSent.inc(labels, n) } });
    if (dingtalk) metrics.watchDingTalk(() => dingtalk.policy.snapshot());
    health.register(services.reminderStatus);
    const sessions = new SessionService(deps, dingtalk?.oapi ?? null);
    if (config.demo && config.demoSeed === "auto") {
      const seeded = await services.seedDemo({ onlyIfEmpty: true });
      if (seeded.seeded) log.info({ contractId: seeded.contractId, corpId: seeded.corpId }, "empty database: seeded the synthetic demo organisation and contract");
    }
    const { http } = config.settings;
    const app = createHttpApp({
      log, metrics, health, trustProxyHops: config.trustProxyHops,
      middleware: [serveMiniApp(MINI_APP_DIST)],
      routers: [
        miniAppSessionRoutes(sessions, { clock, perMinute: config.settings.session.createPerMinutePerIp, bodyLimitKb: http.bodyLimitKb }),
        apiRoutes(services, sessions, { bodyLimitKb: http.bodyLimitKb }),
        reminderRoutes(services, sessions, { bodyLimitKb: http.bodyLimitKb }),
        contractRoutes(services, sessions, http.uploadLimitMb * 1024 * 1024),
      ],
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once("error", (err) => reject(listenFailure(err as NodeJS.ErrnoException, config)));
    });
    server.keepAliveTimeout = 5000;
    onStop("http", () => new Promise<void>((resolve) => server.close(() => resolve())));
    const bot = startBot({
      services, config, log, clock, metrics, claimMessage: services.claimBotMessage, dingtalk: dingtalk ?? undefined,
      messenger: services.messenger(), searchClauses: services.searchClauses,
      onStreamState: (state) => {
        metrics.streamState.set(state === "open" ? 1 : 0);
        if (state === "connecting") metrics.streamReconnects.inc();
      },
    });
    health.register(bot.readiness);
    onStop("stream", () => bot.stop());
    if (opts.scheduler !== false) {
      const scheduler = startScheduler({ services, config, log, clock });
      onStop("scheduler", () => scheduler.stop());
    }
    const addr = server.address();
    const port = typeof addr === "object" && addr ? addr.port : config.port;
    const url = `http://127.0.0.1:${port}`;
    const page = pageUrl(config.host, port);
    if (config.demo) log.warn("demo mode: no DingTalk credentials (DINGTALK_CLIENT_ID/SECRET), so no Stream connection; outbound messages go to the outbox table and this log");
    log.info({ ...describeConfig(config), url, page, now: clock.now().toISOString() }, `steward ready: the workbench page is at ${page}`);
    return { url, server, ds, services, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Where a person opens the workbench page on this machine: localhost when listening on every interface. */
export function pageUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" || host === "" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}/mini-app/`;
}

/** A listen error the operator can fix (port taken, privileged port, foreign HOST) as an `invalid_config` AppError. */
function listenFailure(err: NodeJS.ErrnoException, config: Config): Error {
  const why: Record<string, string> = {
    EADDRINUSE: `Port ${config.port} is already in use; stop the other process or set PORT to a free port.`,
    EACCES: `Port ${config.port} needs privileges this user lacks; set PORT to 1024 or above (put a reverse proxy in front for port 80/443).`,
    EADDRNOTAVAIL: `HOST ${config.host} is not an address of this machine; set HOST to one of its addresses, or 0.0.0.0 for all.`,
  };
  const message = err.code ? why[err.code] : undefined;
  return message ? new AppError("invalid_config", message, { cause: err.code }) : err;
}

/** Builds the DingTalk API clients with self-metering into the usage ledger and the quota alarm in /readyz. */
function connectDingTalk(
  config: Config, deps: ServiceDeps, health: HealthService, onStop: (name: string, stop: () => Promise<void>) => void, metrics: Metrics,
): DingTalkClients {
  const d = config.dingtalk!;
  const meter = new ApiCallMeter(deps);
  meter.start();
  metrics.watchApiCallsToday(() => meter.today().byApi);
  onStop("api-meter", () => meter.stop());
  const clients = createDingTalkClients({
    clientId: d.clientId, clientSecret: d.clientSecret, robotCode: d.robotCode, corpId: d.corpId, apiBase: d.apiBase, oapiBase: d.oapiBase,
    clock: deps.clock, qps: config.settings.dingtalk.qps, qpsPerApi: robotApiHeadroom(config.settings.dingtalk.qps), timeoutMs: config.settings.dingtalk.timeoutMs,
    meter: (_metric, n, api) => meter.count(n, api),
    onAlert: (alert) => deps.log.error({ alert }, "DingTalk API quota exhausted: metered calls (messages, DING) are paused until the quota resets"),
  });
  health.register({
    name: "dingtalkApi",
    check: () => {
      const until = clients.policy.quotaBlockedUntil;
      return { ok: true, detail: until ? { alert: "api_quota_exhausted", meteredCallsPausedUntil: until.toISOString() } : { alert: null } };
    },
  });
  return clients;
}

/** Process entry: config → start → stop on SIGTERM/SIGINT. Exits non-zero with a clear message on bad config or DB. */
async function main(): Promise<void> {
  let config: Config;
  let envFile: string | null = null;
  try {
    envFile = loadEnvFile();
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      const from = envFile ? `Variables were read from the environment and ${envFile}. ` : "";
      process.stderr.write(`${err.message}\n${from}See config/.env.example for every variable.\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, undefined, logFormatFor(config.logFormat));
  if (envFile) log.info({ envFile }, "read environment variables from .env (variables already set win)");
  let running: RunningSteward;
  try {
    running = await startSteward(config, { log });
  } catch (err) {
    if (isAppError(err)) {
      if (err.code !== "invalid_config") log.fatal({ code: err.code }, err.message);
      process.stderr.write(`${err.message}\n`);
      process.exit(err.code === "invalid_config" ? 2 : 1);
    }
    throw err;
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.stop().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (isMainModule(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`Fatal: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
