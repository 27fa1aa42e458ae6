/**
 * Org changes pushed over Stream (`type: "EVENT"`): a new org admin starts receiving reminders at once, a removed admin
 * (or one who left the org) stops; a join or a departure records the org's headcount (`topapi/user/count`) as a live
 * reading of `contacts.members` when the contract has that quota. Each event is taken once across instances (its eventId in processed_messages);
 * events of another corp, unknown types and malformed payloads are logged and ignored, never thrown.
 */
import { z } from "zod";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ClaimsRepository } from "../db/repositories/claims.repository.js";
import { ReminderRepository } from "../db/repositories/reminder.repository.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { getContractOverview } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

/** The directory-size quota a join or a departure changes. */
const MEMBERS_METRIC = "contacts.members";

/** The event types the steward acts on. */
export const ORG_EVENT_TYPES = ["org_admin_add", "org_admin_remove", "user_add_org", "user_leave_org"] as const;

/** What happened to one event. */
export interface OrgEventOutcome {
  status: "applied" | "duplicate" | "ignored";
  eventType: string | null;
  userIds: string[];
  /** Why an event was ignored. */
  reason?: string;
  /** True when the org's admin list changed (callers drop their cached admin list). */
  adminsChanged: boolean;
}

const Headers = z.object({
  eventType: z.string().min(1).max(64),
  eventId: z.string().min(1).max(100),
  eventCorpId: z.string().max(64).optional(),
});
const Data = z.object({ userId: z.array(z.string().min(1).max(64)).max(1000) });

/** The org-event use case, bound to its dependencies. */
export function createOrgEventServices(deps: ServiceDeps, opts: { instanceId: string; countUsers?: () => Promise<number> }) {
  const claims = new ClaimsRepository(deps.ds);
  const reminders = new ReminderRepository(deps.ds);
  const audit = new AuditRepository(deps.ds);
  const ignored = (eventType: string | null, reason: string, userIds: string[] = []): OrgEventOutcome => {
    deps.log.warn({ eventType, reason }, "org event ignored");
    return { status: "ignored", eventType, userIds, reason, adminsChanged: false };
  };
  /** The headcount as a reading of the members quota; a failed count is logged, the event still applies. */
  const recordHeadcount = async (eventType: string, now: Date): Promise<void> => {
    if (!opts.countUsers) return;
    const overview = await getContractOverview(deps, {});
    if (!overview?.quotas.some((q) => q.metric === MEMBERS_METRIC)) return;
    try {
      const count = await opts.countUsers();
      await new UsageRepository(deps.ds).append({
        contractId: overview.graph.contract.id, metric: MEMBERS_METRIC, kind: "reading", amount: count, occurredAt: now, source: "api",
        recordedBy: "steward", note: `after ${eventType}`, createdAt: now,
      });
    } catch (err) {
      deps.log.warn({ err: (err as Error).message, eventType }, "headcount after an org event could not be read; the next join or departure tries again");
    }
  };
  return {
    /** Applies one Stream EVENT frame's headers and `data` (a JSON string); see the module comment. */
    async handleOrgEvent(headers: Record<string, unknown>, data: unknown): Promise<OrgEventOutcome> {
      const h = Headers.safeParse(headers);
      if (!h.success) return ignored(null, `malformed event headers: ${h.error.issues[0]?.message ?? "invalid"}`);
      const { eventType, eventId, eventCorpId } = h.data;
      if (!(ORG_EVENT_TYPES as readonly string[]).includes(eventType)) return { status: "ignored", eventType, userIds: [], reason: "not an org event the steward uses", adminsChanged: false };
      const corpId = deps.config.dingtalk?.corpId ?? null;
      if (corpId && eventCorpId && eventCorpId !== corpId) return ignored(eventType, `event of another corp (${eventCorpId})`);
      let parsed: unknown;
      try {
        parsed = typeof data === "string" ? JSON.parse(data) : data;
      } catch {
        return ignored(eventType, "event data is not JSON");
      }
      const d = Data.safeParse(parsed);
      if (!d.success) return ignored(eventType, "event data has no userId list");
      const userIds = [...new Set(d.data.userId)];
      const now = deps.clock.now();
      if (!(await claims.claimMessage(`event:${eventId}`.slice(0, 128), opts.instanceId, now))) {
        return { status: "duplicate", eventType, userIds, adminsChanged: false };
      }
      const actor = `dingtalk:${eventType}`;
      const subscribe = eventType === "org_admin_add";
      const unsubscribe = eventType === "org_admin_remove" || eventType === "user_leave_org";
      if (subscribe || unsubscribe) {
        for (const u of userIds) await reminders.setSubscription(u, subscribe ? "subscribed" : "unsubscribed", actor, now);
      }
      if (eventType === "user_add_org" || eventType === "user_leave_org") await recordHeadcount(eventType, now);
      await audit.record({
        orgId: null, actor, action: `org.${eventType}`, subjectType: "user", subjectId: userIds.join(",").slice(0, 128),
        details: { eventId, users: userIds.length }, occurredAt: now,
      });
      deps.log.info({ eventType, users: userIds.length }, "org event applied");
      return { status: "applied", eventType, userIds, adminsChanged: eventType !== "user_add_org" };
    },
  };
}

/** The bound org-event use cases. */
export type OrgEventServices = ReturnType<typeof createOrgEventServices>;
