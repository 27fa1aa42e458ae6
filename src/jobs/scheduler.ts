/**
 * The cron side of reminders: one named node-cron task ("reminders.sweep", schedule settings.reminders.cron, time zone
 * STEWARD_TIMEZONE, noOverlap) running the sweep. `distributed` with a database run coordinator: every instance's
 * timer fires, but only the instance that claims the slot (job_run row, unique per job and slot) runs it.
 */
import cron, { type RunCoordinator, type ScheduledTask } from "node-cron";
import type { Config } from "../config/index.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { Services } from "../services/create-services.js";

/** Name of the reminder task (also the job name of its slots in job_run). */
export const REMINDER_JOB = "reminders.sweep";

/** The services the scheduler calls. */
export type SchedulerServices = Pick<Services, "runReminderSweep" | "claimJobSlot" | "finishJobSlot" | "reminderInstanceId">;

/** What startScheduler needs; `expression` overrides settings.reminders.cron (tests). */
export interface SchedulerDeps {
  services: SchedulerServices;
  config: Pick<Config, "timezone" | "settings">;
  log: Logger;
  clock: Clock;
  expression?: string;
}

/** A running scheduler. */
export interface RunningScheduler {
  /** Stops the timers and waits for a sweep in progress. */
  stop(): Promise<void>;
  /** Runs the slot starting at `slot` the way the timer does (claim first, then sweep); true when this instance ran it. */
  runSlot(slot: Date): Promise<boolean>;
  readonly task: ScheduledTask;
}

/** A RunCoordinator that claims `<name>:<slot ISO>` keys in the job_run table through the services. */
export function dbRunCoordinator(services: SchedulerServices, log: Logger, outcomes: Map<string, string | null>): RunCoordinator {
  const split = (key: string): [string, string] => {
    const i = key.indexOf(":");
    return [key.slice(0, i), key.slice(i + 1)];
  };
  return {
    async shouldRun(key) {
      const [job, slot] = split(key);
      const won = await services.claimJobSlot(job, slot);
      if (!won) log.debug({ job, slot }, "slot taken by another instance");
      return won;
    },
    async onComplete(key) {
      const [job, slot] = split(key);
      const error = outcomes.get(key) ?? null;
      outcomes.delete(key);
      await services.finishJobSlot(job, slot, error === null, error ?? undefined);
    },
  };
}

function cronLogger(log: Logger) {
  return {
    info: (m: string) => log.info({ component: "cron" }, m),
    warn: (m: string) => log.warn({ component: "cron" }, m),
    error: (m: string | Error, err?: Error) => log.error({ component: "cron", err: err ?? m }, typeof m === "string" ? m : m.message),
    debug: (m: string | Error) => log.debug({ component: "cron" }, String(m)),
  };
}

/** Starts the reminder task; see the module comment. Instance id: config.instanceId ?? hostname-pid (in the services). */
export function startScheduler(deps: SchedulerDeps): RunningScheduler {
  const { services, log } = deps;
  const outcomes = new Map<string, string | null>();
  const coordinator = dbRunCoordinator(services, log, outcomes);
  let current: Promise<unknown> = Promise.resolve();
  let currentKey: string | null = null;

  const sweep = async (key: string | null): Promise<void> => {
    try {
      const r = await services.runReminderSweep({ now: deps.clock.now() });
      if (key) outcomes.set(key, null);
      if (r.notices.length) log.info({ job: REMINDER_JOB, instance: services.reminderInstanceId, due: r.notices.length, sent: r.sent, failed: r.failed }, "reminder slot done");
    } catch (err) {
      if (key) outcomes.set(key, (err as Error).message);
      log.error({ job: REMINDER_JOB, err }, "reminder sweep failed; the next slot retries what is still due");
    }
  };
  const guarded: RunCoordinator = {
    async shouldRun(key, ttl) {
      const won = await coordinator.shouldRun(key, ttl);
      if (won) currentKey = key;
      return won;
    },
    onComplete: (key) => coordinator.onComplete!(key),
  };
  const task = cron.schedule(
    deps.expression ?? deps.config.settings.reminders.cron,
    () => {
      const key = currentKey;
      currentKey = null;
      current = sweep(key);
      return current;
    },
    { name: REMINDER_JOB, timezone: deps.config.timezone, noOverlap: true, distributed: true, runCoordinator: guarded, logger: cronLogger(log) },
  );
  log.info({ job: REMINDER_JOB, cron: task.getPattern(), timezone: deps.config.timezone, next: task.getNextRun()?.toISOString() ?? null }, "scheduler started");

  return {
    task,
    async runSlot(slot: Date): Promise<boolean> {
      const key = `${REMINDER_JOB}:${slot.toISOString()}`;
      if (!(await coordinator.shouldRun(key, 0))) return false;
      current = sweep(key);
      await current;
      await coordinator.onComplete!(key);
      return true;
    },
    async stop() {
      await task.stop();
      await task.destroy();
      await current.catch(() => undefined);
    },
  };
}
