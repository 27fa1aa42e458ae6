/**
 * Pending confirmations of destructive chat commands (「合同终止」, a usage figure far above the limit): the bot
 * stores what it will do, keyed by sender + conversation, and does it only when the same person answers in the same
 * conversation within {@link CONFIRMATION_TTL_MS} on the injected clock. Requests and their outcome are audit events
 * (so the audit trail shows them); taking a confirmation is claimed once across instances.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { AuditEventEntity } from "../db/entities/index.js";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ClaimsRepository } from "../db/repositories/claims.repository.js";
import { USAGE_SOURCES } from "../domain/model.js";
import type { ServiceDeps } from "./service-deps.js";

/** How long a pending confirmation stays valid: 5 minutes. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

const SUBJECT_TYPE = "bot_confirmation";
const REQUESTED = "bot.confirmation.requested";
const CONFIRMED = "bot.confirmation.confirmed";
const CANCELLED = "bot.confirmation.cancelled";

/** What a confirmation unlocks: terminating a contract, or recording a usage figure above 2× its limit. */
export const PendingAction = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("terminate"), contractId: z.number().int().positive() }),
  z.object({
    kind: z.literal("usage"),
    input: z.object({
      contractId: z.number().int().positive(),
      metric: z.string().min(1).max(100),
      amount: z.number(),
      kind: z.enum(["delta", "reading"]),
      note: z.string().max(500).nullable(),
      source: z.enum(USAGE_SOURCES),
      actor: z.string().min(1).max(128),
    }),
  }),
]);

/** A destructive action waiting for its confirmation. */
export type PendingAction = z.infer<typeof PendingAction>;

/** Who asks, and where: a confirmation only counts from the same sender in the same conversation. */
export interface ConfirmationKey {
  actor: string;
  conversationId: string;
}

/** The outcome of taking a confirmation. */
export type TakenConfirmation =
  | { status: "confirmed"; action: PendingAction }
  | { status: "none" }
  | { status: "expired"; kind: PendingAction["kind"] }
  | { status: "other_kind"; kind: PendingAction["kind"] };

function keyOf(k: ConfirmationKey): string {
  return createHash("sha256").update(`${k.actor}\u0000${k.conversationId}`).digest("hex");
}

/** The confirmation use cases, bound to their dependencies (createServices exposes them). */
export function createBotConfirmations(deps: ServiceDeps, opts: { instanceId: string }) {
  const audit = new AuditRepository(deps.ds);
  const claims = new ClaimsRepository(deps.ds);
  const latest = (key: string) =>
    deps.ds.manager.findOne(AuditEventEntity, { where: { subjectType: SUBJECT_TYPE, subjectId: key }, order: { id: "DESC" } });
  const close = (e: AuditEventEntity, action: string, actor: string, at: Date) =>
    audit.record({ orgId: e.orgId, actor, action, subjectType: SUBJECT_TYPE, subjectId: e.subjectId, details: { requestId: e.id }, occurredAt: at });

  return {
    /** Stores `action` as pending for this sender and conversation (replacing an earlier one); returns when it expires. */
    async requestConfirmation(input: ConfirmationKey & { action: PendingAction; orgId: number | null }): Promise<{ expiresAt: Date }> {
      const action = PendingAction.parse(input.action);
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + CONFIRMATION_TTL_MS);
      await audit.record({
        orgId: input.orgId, actor: input.actor, action: REQUESTED, subjectType: SUBJECT_TYPE, subjectId: keyOf(input),
        details: { action, expiresAt: expiresAt.toISOString() }, occurredAt: now,
      });
      return { expiresAt };
    },

    /**
     * Takes the pending action of this sender and conversation once (a second 「确认」 or another instance gets
     * `none`); `expired` after 5 minutes; `other_kind` when `kind` is given and something else is pending.
     */
    async takeConfirmation(input: ConfirmationKey & { kind?: PendingAction["kind"] }): Promise<TakenConfirmation> {
      const e = await latest(keyOf(input));
      if (!e || e.action !== REQUESTED) return { status: "none" };
      const action = PendingAction.safeParse(e.details?.action);
      if (!action.success) return { status: "none" };
      const now = deps.clock.now();
      if (!(now.getTime() < Date.parse(String(e.details?.expiresAt)))) return { status: "expired", kind: action.data.kind };
      if (input.kind && input.kind !== action.data.kind) return { status: "other_kind", kind: action.data.kind };
      if (!(await claims.claimMessage(`confirmation:${e.id}`, opts.instanceId.slice(0, 64), now))) return { status: "none" };
      await close(e, CONFIRMED, input.actor, now);
      return { status: "confirmed", action: action.data };
    },

    /** Drops the pending action of this sender and conversation; false when nothing (unexpired) was pending. */
    async cancelConfirmation(input: ConfirmationKey): Promise<boolean> {
      const e = await latest(keyOf(input));
      const now = deps.clock.now();
      if (!e || e.action !== REQUESTED || !(now.getTime() < Date.parse(String(e.details?.expiresAt)))) return false;
      if (!(await claims.claimMessage(`confirmation:${e.id}`, opts.instanceId.slice(0, 64), now))) return false;
      await close(e, CANCELLED, input.actor, now);
      return true;
    },
  };
}

/** The bound confirmation use cases. */
export type BotConfirmations = ReturnType<typeof createBotConfirmations>;
