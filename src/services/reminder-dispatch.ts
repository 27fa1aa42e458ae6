/**
 * Sends due notices exactly once: each (contract, kind, dueKey, recipient, channel) is claimed `pending` in the
 * database, sent, then marked `sent` (or `failed` with a retry time, or `skipped` with the reason). DINGs go first so
 * the robot digest can say when a DING quota was used up; then one digest per admin, then the admin groups.
 */
import { pushTo } from "../lib/multimap.js";
import { setImmediate } from "node:timers/promises";
import type { DatabaseClock } from "../db/database-clock.js";
import { ClaimsRepository, deliveryKeyOf } from "../db/repositories/claims.repository.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { quotaUsage, type FactsContext } from "../domain/reminder-facts.js";
import type { DingType, DueNotice, ReminderContract } from "../domain/reminder-model.js";
import { deriveContract } from "../domain/reminder-occurrences.js";
import { businessDate } from "../domain/business-calendar.js";
import { AppError, isAppError } from "../lib/app-error.js";
import type { Messenger } from "./messenger.js";
import { renderDigest, renderDing, renderNotice } from "./reminder-text.js";
import type { ServiceDeps } from "./service-deps.js";

/** What a dispatch needs besides the notices. */
export interface DispatchContext {
  now: Date;
  instanceId: string;
  /** Fencing token of this sweep: the claims it holds carry it, and only it can settle them. */
  claimToken: string;
  /** The database's clock, on which claims are stamped and judged stale. */
  dbClock: DatabaseClock;
  messenger: Messenger;
  contracts: Map<number, ReminderContract>;
  facts: FactsContext;
  /** Test hook: runs after a batch is claimed and before it is sent (throw to simulate a crash there). */
  afterClaim?: (channel: string, claimed: number) => void | Promise<void>;
}

/** Counters of one dispatch. */
export interface DispatchReport {
  sent: number;
  failed: number;
  skipped: number;
  /** Deliveries another instance holds (or already sent). */
  taken: number;
  messages: number;
  dings: number;
  pausedUntil: Date | null;
  /** Settled deliveries by `kind|channel|status` (status: sent, failed, skipped). */
  outcomes: Record<string, number>;
}

interface Claimed {
  notice: DueNotice;
  recipient: string;
  id: number;
  attempts: number;
}

const BATCH_USERS = 20;
/** Deliveries claimed per statement batch, with a yield to the event loop between batches. */
const CLAIM_SLICE = 200;

const noticeKey = (n: DueNotice) => `${n.contractId}|${n.kind}|${n.dueKey}`;

function byKind(rows: Claimed[]): Claimed[][] {
  const out = new Map<string, Claimed[]>();
  for (const r of rows) pushTo(out, r.notice.kind, r);
  return [...out.values()];
}

function byRecipient(notices: DueNotice[]): Map<string, DueNotice[]> {
  const out = new Map<string, DueNotice[]>();
  for (const n of notices) for (const r of n.recipients) pushTo(out, r, n);
  return out;
}

/** Sends one sweep's notices; see the module comment. */
export class ReminderDispatcher {
  readonly report: DispatchReport = { sent: 0, failed: 0, skipped: 0, taken: 0, messages: 0, dings: 0, pausedUntil: null, outcomes: {} };
  private readonly claims: ClaimsRepository;
  private readonly notes = new Map<string, string[]>();
  private readonly settings: ServiceDeps["config"]["settings"]["reminders"];

  constructor(
    private readonly deps: ServiceDeps,
    private readonly ctx: DispatchContext,
  ) {
    this.claims = new ClaimsRepository(deps.ds);
    this.settings = deps.config.settings.reminders;
  }

  /** DINGs, then robot digests, then group digests; stops early when DingTalk's monthly quota pauses sends. */
  async dispatch(notices: DueNotice[]): Promise<DispatchReport> {
    await this.dings(notices.filter((n) => n.channel === "ding"));
    await this.digests("robot", notices.filter((n) => n.channel === "robot"));
    await this.digests("group", notices.filter((n) => n.channel === "group"));
    return this.report;
  }

  private paused(): boolean {
    this.report.pausedUntil ??= this.ctx.messenger.pausedUntil();
    return this.report.pausedUntil !== null;
  }

  private pausedError(): AppError {
    const until = this.report.pausedUntil!;
    return new AppError("dingtalk_quota_exhausted", `Metered DingTalk sends are paused until ${until.toISOString()} (monthly API quota used up); this notice goes out then.`, { blockedUntil: until.toISOString() });
  }

  /** Claims (notice, recipient) pairs in batches, stamped and judged stale on the database clock; returns those won. */
  private async claimAll(pairs: [DueNotice, string][], channel: string): Promise<Claimed[]> {
    if (this.paused() || pairs.length === 0) return [];
    const won: Claimed[] = [];
    for (let i = 0; i < pairs.length; i += CLAIM_SLICE) {
      await setImmediate(); // let replies, timers and other requests run between batches: a sweep never hogs the loop
      const slice = pairs.slice(i, i + CLAIM_SLICE);
      const dbNow = await this.ctx.dbClock.now();
      const staleBefore = new Date(dbNow.getTime() - this.settings.delivery.staleClaimMinutes * 60_000);
      const items = slice.map(([n, recipient]) => ({
        key: { contractId: n.contractId, kind: n.kind, dueKey: n.dueKey, recipient, channel: n.channel },
        payload: { title: renderNotice(n).title, severity: n.severity, ...(n.dingType ? { dingType: n.dingType } : {}) },
      }));
      const wonBy = await this.claims.claimDeliveries(items, { by: this.ctx.claimToken, at: dbNow, staleBefore, retryDueBy: this.ctx.now });
      slice.forEach(([notice, recipient], k) => {
        const row = wonBy.get(deliveryKeyOf(items[k]!.key));
        if (row) won.push({ notice, recipient, id: row.id, attempts: row.attempts });
      });
    }
    this.report.taken += pairs.length - won.length;
    if (won.length && this.ctx.afterClaim) await this.ctx.afterClaim(channel, won.length);
    return won;
  }

  private async sent(rows: Claimed[]): Promise<void> {
    for (const group of byKind(rows)) {
      const changed = await this.claims.markDeliveriesSent(group.map((r) => r.id), this.ctx.claimToken, this.ctx.now);
      this.report.sent += changed;
      this.counted(group[0]!, "sent", changed);
    }
  }

  /** Adds settled deliveries to `report.outcomes` (`kind|channel|status` → count, for the metrics). */
  private counted(sample: Claimed, status: "sent" | "failed" | "skipped", n: number): void {
    const key = `${sample.notice.kind}|${sample.notice.channel}|${status}`;
    if (n > 0) this.report.outcomes[key] = (this.report.outcomes[key] ?? 0) + n;
  }

  private async skip(rows: Claimed[], reason: string): Promise<void> {
    if (rows.length === 0) return;
    for (const group of byKind(rows)) {
      const changed = await this.claims.markDeliveriesFailed(group.map((r) => r.id), this.ctx.claimToken, reason, null);
      this.report.skipped += changed;
      this.counted(group[0]!, "skipped", changed);
    }
    this.deps.log.warn({ channel: rows[0]!.notice.channel, recipients: [...new Set(rows.map((r) => r.recipient))], reason }, "reminder delivery skipped");
  }

  /** Records a failed send: retried with backoff, given up after maxAttempts, paused until the quota resets. */
  private async fail(rows: Claimed[], err: unknown): Promise<void> {
    const d = this.settings.delivery;
    const message = err instanceof Error ? err.message : String(err);
    const quota = isAppError(err) && err.code === "dingtalk_quota_exhausted";
    const pauseUntil = quota ? new Date(String(err.details?.blockedUntil ?? "")) : null;
    if (pauseUntil && !Number.isNaN(pauseUntil.getTime())) this.report.pausedUntil = pauseUntil;
    const permanent = isAppError(err) && err.code === "invalid_input";
    const byRetry = new Map<number | null, Claimed[]>();
    for (const r of rows) {
      let retryAt: Date | null;
      if (this.report.pausedUntil && quota) retryAt = this.report.pausedUntil;
      else if (permanent || r.attempts >= d.maxAttempts) retryAt = null;
      else retryAt = new Date(this.ctx.now.getTime() + Math.min(d.retryMaxMinutes, d.retryBaseMinutes * 2 ** (r.attempts - 1)) * 60_000);
      const at = retryAt?.getTime() ?? null;
      pushTo(byRetry, at, r);
    }
    for (const [at, sameRetry] of byRetry) {
      const reason = at !== null ? message : `gave up after ${sameRetry[0]!.attempts} attempt(s): ${message}`;
      for (const group of byKind(sameRetry)) {
        const changed = await this.claims.markDeliveriesFailed(group.map((r) => r.id), this.ctx.claimToken, reason, at === null ? null : new Date(at));
        if (at !== null) this.report.failed += changed;
        else this.report.skipped += changed;
        this.counted(group[0]!, at !== null ? "failed" : "skipped", changed);
      }
    }
    this.deps.log.warn({ channel: rows[0]?.notice.channel, deliveries: rows.length, code: isAppError(err) ? err.code : undefined, err: message }, "reminder send failed");
  }

  private note(users: string[], text: string): void {
    for (const u of users) pushTo(this.notes, u, text);
  }

  private remaining(contractId: number, metric: string): number | undefined {
    const c = this.ctx.contracts.get(contractId);
    const q = c?.quotas.find((x) => x.metric === metric);
    if (!c || !q) return undefined;
    const u = quotaUsage(deriveContract(c, businessDate(this.ctx.now, this.ctx.facts.tz), this.ctx.facts.retention), q, this.ctx.facts);
    return u?.remaining ?? q.limit;
  }

  /** Which DING can go to `n` people for this contract, the quota it spends, and what to tell admins if it fell back. */
  private dingPlan(contractId: number, wanted: DingType, n: number): { type: DingType | null; metric: string | null; note: string | null } {
    let note: string | null = null;
    if (wanted !== 1) {
      const left = this.remaining(contractId, "ding.messages");
      if (left !== undefined && left >= n) return { type: wanted, metric: "ding.messages", note: null };
      note = left === undefined ? "合同未包含短信/电话 DING，已改为应用内 DING" : `短信/电话 DING 额度不足（剩 ${left} 条），已改为应用内 DING`;
    }
    const inApp = this.remaining(contractId, "ding.in_app");
    if (inApp === undefined) return { type: 1, metric: null, note };
    if (inApp >= n) return { type: 1, metric: "ding.in_app", note };
    return { type: null, metric: null, note: `应用内 DING 额度已用完（剩 ${inApp} 次），本次未发送 DING，改为仅机器人消息提醒` };
  }

  private async dings(notices: DueNotice[]): Promise<void> {
    const byContract = new Map<number, DueNotice[]>();
    for (const n of notices) pushTo(byContract, n.contractId, n);
    for (const [contractId, list] of byContract) {
      const claimed = await this.claimAll(list.flatMap((n) => n.recipients.map((r): [DueNotice, string] => [n, r])), "ding");
      if (claimed.length === 0) continue;
      const users = [...new Set(claimed.map((c) => c.recipient))];
      const wanted = Math.max(...claimed.map((c) => c.notice.dingType ?? 1)) as DingType;
      const plan = this.dingPlan(contractId, wanted, users.length);
      if (plan.note) this.note(users, plan.note);
      if (plan.type === null) {
        await this.skip(claimed, `DING quota used up (ding.in_app); fell back to the robot message`);
        continue;
      }
      await this.sendDingGroups(contractId, claimed, plan.type, plan.metric);
      if (this.paused()) return;
    }
  }

  private async sendDingGroups(contractId: number, claimed: Claimed[], type: DingType, metric: string | null): Promise<void> {
    const perUser = new Map<string, Claimed[]>();
    for (const c of claimed) pushTo(perUser, c.recipient, c);
    const sets = new Map<string, Claimed[]>();
    for (const mine of perUser.values()) pushTo(sets, mine.map((c) => noticeKey(c.notice)).join(","), ...mine);
    for (const rows of sets.values()) {
      const users = [...new Set(rows.map((r) => r.recipient))];
      const notices = [...new Map(rows.map((r) => [noticeKey(r.notice), r.notice])).values()];
      try {
        const outcome = await this.ctx.messenger.sendDing(users, renderDing(notices, this.deps.config.publicUrl), type);
        this.report.dings += 1;
        const failed = new Map<string, string>();
        for (const [reason, ids] of Object.entries(outcome.failed)) for (const id of ids) failed.set(id, reason);
        for (const [user, reason] of failed) await this.skip(rows.filter((r) => r.recipient === user), `DingTalk could not DING ${user}: ${reason}`);
        const ok = rows.filter((r) => !failed.has(r.recipient));
        await this.sent(ok);
        const reached = users.filter((u) => !failed.has(u)).length;
        if (metric && reached > 0 && this.ctx.messenger.live) await this.meter(contractId, metric, reached, notices);
      } catch (err) {
        await this.fail(rows, err);
        if (this.paused()) return;
      }
    }
  }

  /** Records DINGs in the usage ledger (source "self") against the quota they spend. */
  private async meter(contractId: number, metric: string, amount: number, notices: DueNotice[]): Promise<void> {
    const entry = {
      contractId, metric, kind: "delta" as const, amount, occurredAt: this.ctx.now, source: "self" as const, recordedBy: "steward",
      note: `reminder DING: ${notices.map((n) => `${n.kind} ${n.dueKey}`).join(", ")}`.slice(0, 500), createdAt: this.ctx.now,
    };
    await new UsageRepository(this.deps.ds).append(entry);
    this.ctx.contracts.get(contractId)?.usage.push({ ...entry, revokedAt: null });
  }

  private async digests(channel: "robot" | "group", notices: DueNotice[]): Promise<void> {
    const claimedBy = new Map<string, Claimed[]>();
    const byKey = new Map<string, Map<string, Claimed>>(); // recipient → noticeKey → claim
    for (const [recipient, list] of byRecipient(notices)) {
      const claimed = await this.claimAll(list.map((n): [DueNotice, string] => [n, recipient]), channel);
      if (claimed.length) {
        claimedBy.set(recipient, claimed);
        byKey.set(recipient, new Map(claimed.map((c) => [noticeKey(c.notice), c])));
      }
      if (this.paused()) break;
    }
    const sets = new Map<string, string[]>();
    for (const [recipient, claimed] of claimedBy) {
      const sig = `${claimed.map((c) => noticeKey(c.notice)).join(",")}|${(this.notes.get(recipient) ?? []).join("|")}`;
      pushTo(sets, sig, recipient);
    }
    for (const recipients of sets.values()) {
      const sample = claimedBy.get(recipients[0]!)!;
      const parts = renderDigest(sample.map((c) => c.notice), {
        publicUrl: this.deps.config.publicUrl, actionCard: this.settings.digest.actionCard,
        maxItemsPerMessage: this.settings.digest.maxItemsPerMessage, notes: this.notes.get(recipients[0]!) ?? [],
        actionLinks: channel === "robot",
      });
      for (const part of parts) {
        const keys = part.notices.map((n) => noticeKey(n as DueNotice));
        const step = channel === "robot" ? BATCH_USERS : 1;
        for (let i = 0; i < recipients.length; i += step) {
          const batch = recipients.slice(i, i + step);
          const rows = batch.flatMap((r) => keys.map((k) => byKey.get(r)!.get(k)).filter((c): c is Claimed => c !== undefined));
          if (this.paused()) await this.fail(rows, this.pausedError());
          else await this.sendPart(channel, batch, part.message, rows);
        }
      }
    }
  }

  private async sendPart(channel: "robot" | "group", batch: string[], message: Parameters<Messenger["sendToGroup"]>[1], rows: Claimed[]): Promise<void> {
    await setImmediate(); // one call per turn of the loop at most
    try {
      if (channel === "group") {
        await this.ctx.messenger.sendToGroup(batch[0]!, message);
        this.report.messages += 1;
        await this.sent(rows);
        return;
      }
      const outcome = await this.ctx.messenger.sendToUsers(batch, message);
      this.report.messages += 1;
      const invalid = new Set(outcome.invalidUserIds);
      const limited = new Set(outcome.flowControlledUserIds);
      await this.skip(rows.filter((r) => invalid.has(r.recipient)), "DingTalk says this user does not exist in the organisation (invalidStaffIdList); check STEWARD_ADMIN_USERIDS or unsubscribe them");
      if (limited.size) await this.fail(rows.filter((r) => limited.has(r.recipient)), new Error("DingTalk held the message back (flowControlledStaffIdList)"));
      await this.sent(rows.filter((r) => !invalid.has(r.recipient) && !limited.has(r.recipient)));
    } catch (err) {
      await this.fail(rows, err);
    }
  }
}
