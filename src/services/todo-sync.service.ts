import type { DingTalkClients } from "../dingtalk/dingtalk-clients.js";
import { atBusinessTime } from "../domain/business-calendar.js";
import { wantedTodos, type WantedTodo } from "../domain/deadline-todos.js";
import { isAppError } from "../lib/app-error.js";
import { getContractOverview } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

/** What one sync did. */
export interface TodoSyncReport {
  created: number;
  completed: number;
  deleted: number;
  failed: number;
  /** Why nothing was attempted (disabled, no contract, no public URL…), else null. */
  skipped: string | null;
}

type Known = "open" | "done" | "gone";
/** A failed to-do call is retried this much later (sweeps run every 20 minutes). */
const RETRY_MS = 6 * 3_600_000;

/**
 * Keeps one DingTalk to-do per admin for each deadline that costs money (deadline-todos): creates it (never twice:
 * DingTalk's sourceId), completes it once the contract is renewed / paid / invoiced, deletes it when the contract is
 * terminated. What is known to be in place is remembered, so a steady day costs no calls; unionIds come from
 * `topapi/v2/user/get` once per admin. A refusal (say, a missing Todo.Todo.Write permission) is logged with what to
 * do, retried 6 hours later, and never stops reminders.
 */
export class TodoSync {
  private readonly known = new Map<string, Known>();
  private readonly unionIds = new Map<string, string>();
  /** Contracts seen as current: a terminated or renewed one is no longer current but its to-dos still need closing. */
  private readonly contracts = new Set<number>();
  /** When a to-do last failed (per sourceId and admin): it is tried again after RETRY_MS, not at every sweep. */
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly clients: Pick<DingTalkClients, "oapi" | "todo">,
  ) {}

  /** One pass over the current contract's deadlines; never throws. */
  async run(): Promise<TodoSyncReport> {
    const report: TodoSyncReport = { created: 0, completed: 0, deleted: 0, failed: 0, skipped: null };
    const { settings, admins, publicUrl, timezone } = this.deps.config;
    if (!settings.reminders.todo.enabled) return { ...report, skipped: "disabled (reminders.todo.enabled: false)" };
    if (!publicUrl) return { ...report, skipped: "no STEWARD_PUBLIC_URL: DingTalk work to-dos need a detail link" };
    const now = this.deps.clock.now().getTime();
    try {
      const current = await getContractOverview(this.deps, {});
      if (current) this.contracts.add(current.graph.contract.id);
      if (this.contracts.size === 0) return { ...report, skipped: "no contract" };
      const wanted: WantedTodo[] = [];
      for (const id of this.contracts) {
        const o = id === current?.graph.contract.id ? current : await getContractOverview(this.deps, { contractId: id });
        if (o) wanted.push(...wantedTodos({ contractId: id, status: o.status, timeline: o.timeline }, o.today, settings.reminders.todo.leadDays));
      }
      for (const w of wanted) {
        for (const userId of admins.userIds) {
          const key = `${w.sourceId}|${userId}`;
          if (this.known.get(key) === w.state) continue;
          if (now - (this.failedAt.get(key) ?? -Infinity) < RETRY_MS) continue;
          const outcome = await this.apply(w, userId, `${publicUrl}/mini-app/`, timezone);
          if (outcome === "stop" || outcome === "failed") this.failedAt.set(key, now);
          if (outcome === "stop") return { ...report, failed: report.failed + 1 };
          if (outcome === "failed") report.failed += 1;
          else {
            this.known.set(key, w.state);
            if (outcome === "created") report.created += 1;
            if (outcome === "completed") report.completed += 1;
            if (outcome === "deleted") report.deleted += 1;
          }
        }
      }
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, "to-do sync failed; the next sweep tries again");
      report.failed += 1;
    }
    return report;
  }

  private async apply(w: WantedTodo, userId: string, detailUrl: string, tz: string): Promise<"created" | "completed" | "deleted" | "none" | "failed" | "stop"> {
    try {
      const unionId = await this.unionIdOf(userId);
      if (w.state === "open") {
        const r = await this.clients.todo.ensure(unionId, {
          sourceId: w.sourceId, subject: w.subject, executorUnionIds: [unionId], dueTime: atBusinessTime(w.dueOn, "18:00", tz).getTime(), detailUrl, priority: w.priority,
        });
        return r.created ? "created" : "none";
      }
      const task = await this.clients.todo.getBySourceId(unionId, w.sourceId);
      if (!task) return "none";
      if (w.state === "gone") {
        await this.clients.todo.remove(unionId, task.id);
        return "deleted";
      }
      if (task.done) return "none";
      await this.clients.todo.complete(unionId, task.id);
      return "completed";
    } catch (err) {
      const permission = isAppError(err) ? err.details?.permission : undefined;
      this.deps.log.warn({ err: (err as Error).message, userId, sourceId: w.sourceId, permission }, permission
        ? `DingTalk to-dos need the permission ${String(permission)}; grant it in the developer console (reminders continue without to-dos)`
        : "could not update a DingTalk to-do; tries again in 6 hours");
      return permission || (isAppError(err) && err.code === "invalid_config") ? "stop" : "failed";
    }
  }

  private async unionIdOf(userId: string): Promise<string> {
    const cached = this.unionIds.get(userId);
    if (cached) return cached;
    const { unionid } = await this.clients.oapi.getUser(userId);
    if (!unionid) throw new Error(`DingTalk returned no unionid for ${userId}`);
    this.unionIds.set(userId, unionid);
    return unionid;
  }
}
