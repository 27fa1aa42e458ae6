/**
 * The sweep's side of the next-due index: which contracts to plan at a slot, and, after the sweep, when each one
 * planned may next have something due. A slot with nothing due reads a few index rows and plans nothing.
 */
import { createHash } from "node:crypto";
import { setImmediate } from "node:timers/promises";
import { NextDueRepository, type NextDue } from "../db/repositories/next-due.repository.js";
import { ReminderRepository } from "../db/repositories/reminder.repository.js";
import type { DueNotice, PolicyInput, ReminderSettings } from "../domain/reminder-model.js";
import { nextDueInstants } from "../domain/reminder-next-due.js";
import { byUrgency, dueNotices, resolveRecipients } from "../domain/reminder-policy.js";
import { pushTo } from "../lib/multimap.js";
import { DELIVERY_HISTORY_DAYS, loadPolicyInput } from "./reminder-input.js";
import type { ServiceDeps } from "./service-deps.js";

/** Contracts planned between two yields to the event loop: a large sweep never blocks replies or health checks. */
const PLAN_SLICE = 250;
/** `dueAt` of contracts the sweep leaves alone (another org's, terminated, drafts) until a write marks them due. */
const NEVER = new Date("9999-12-31T00:00:00Z");

/** `fn` over slices of the contracts (each with its own deliveries and preferences), yielding between slices. */
async function inSlices<T>(input: PolicyInput, fn: (part: PolicyInput) => T[]): Promise<T[]> {
  if (input.contracts.length <= PLAN_SLICE) return fn(input);
  const deliveries = new Map<number, PolicyInput["deliveries"]>();
  for (const d of input.deliveries) pushTo(deliveries, d.contractId, d);
  const preferences = new Map<number, PolicyInput["preferences"]>();
  for (const p of input.preferences) pushTo(preferences, p.contractId, p);
  const out: T[] = [];
  for (let i = 0; i < input.contracts.length; i += PLAN_SLICE) {
    const contracts = input.contracts.slice(i, i + PLAN_SLICE);
    const of = <V>(m: Map<number, V[]>) => contracts.flatMap((c) => m.get(c.id) ?? []);
    for (const x of fn({ ...input, contracts, deliveries: of(deliveries), preferences: of(preferences) })) out.push(x);
    await setImmediate();
  }
  return out;
}

/**
 * `dueNotices` over slices of the contracts, yielding between them; the same notices in the same order. `later`
 * collects what the policy noted for the next-due index.
 */
export async function planInSlices(input: PolicyInput, later?: Map<number, number>): Promise<DueNotice[]> {
  return (await inSlices(input, (part) => dueNotices(part, later))).sort(byUrgency);
}

/** The contracts one sweep plans, and what its results are recorded against. */
export interface NextDueScope {
  contractIds: number[];
  basis: string;
}

/** Fingerprint of everything global the plan depends on: settings, retention, time zone, own org, recipients. */
async function basisOf(deps: ServiceDeps): Promise<string> {
  const subs = await new ReminderRepository(deps.ds).subscriptions();
  const recipients = resolveRecipients({ userIds: deps.config.admins.userIds, groups: deps.config.admins.groups }, subs.map((s) => ({ userId: s.userId, subscribed: s.state === "subscribed" })));
  const s = deps.config.settings;
  const text = JSON.stringify([s.reminders, s.dataRetention, deps.config.timezone, deps.config.dingtalk?.corpId ?? null, recipients]);
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** Drops index rows that no longer hold and returns the contracts due at `now` (see NextDueRepository.claimDue). */
export async function dueScope(deps: ServiceDeps, now: Date): Promise<NextDueScope> {
  const repo = new NextDueRepository(deps.ds);
  const basis = await basisOf(deps);
  const deliveries = await repo.deliveryCount();
  await repo.dropStale(basis, deliveries, now);
  return { contractIds: await repo.claimDue(now, basis, deliveries), basis };
}

/**
 * After a sweep: records for every contract it planned when it may next have something due (`later`: what planning
 * noted). A contract that had notices keeps its bound only when every one of them is now sent (or given up) for
 * every recipient; otherwise it stays due for the next slot. The inputs are the ones planned from: a write that
 * landed since deleted the row, and the update leaves it deleted. Contracts that had a DING (which records usage)
 * are read and planned again.
 */
export async function recordNextDue(deps: ServiceDeps, scope: NextDueScope, input: PolicyInput, due: DueNotice[], later: Map<number, number>): Promise<void> {
  const repo = new NextDueRepository(deps.ds);
  const results: NextDue[] = [];
  const planned = new Set(input.contracts.map((c) => c.id));
  for (const id of scope.contractIds) if (!planned.has(id)) results.push({ contractId: id, dueAt: NEVER });
  const stillDue = new Set(due.filter((n) => n.channel === "ding").map((n) => n.contractId));
  const check = [...new Set(due.map((n) => n.contractId))].filter((id) => !stillDue.has(id));
  if (check.length) {
    const since = new Date(input.now.getTime() - DELIVERY_HISTORY_DAYS * 86_400_000);
    const done = new Set<string>();
    for (const d of await new ReminderRepository(deps.ds).deliveries(check, since)) {
      if (d.status === "sent" || d.status === "skipped") done.add(`${d.contractId}|${d.kind}|${d.dueKey}|${d.recipient}|${d.channel}`);
    }
    for (const n of due) {
      if (!stillDue.has(n.contractId) && n.recipients.some((r) => !done.has(`${n.contractId}|${n.kind}|${n.dueKey}|${r}|${n.channel}`))) stillDue.add(n.contractId);
    }
  }
  const dings = [...new Set(due.filter((n) => n.channel === "ding").map((n) => n.contractId))];
  for (const [contractId, dueAt] of nextDueInstants(input, later, stillDue)) results.push({ contractId, dueAt });
  if (dings.length) {
    await repo.hold(dings, scope.basis, 0, input.now); // the DING usage just recorded deleted their rows
    const again = await loadPolicyInput(deps, input.now, dings);
    const laterAgain = new Map<number, number>();
    const dueAgain = new Set((await planInSlices(again, laterAgain)).map((n) => n.contractId));
    for (const [contractId, dueAt] of nextDueInstants(again, laterAgain, dueAgain)) results.push({ contractId, dueAt });
  }
  await repo.record(results, scope.basis, await repo.deliveryCount(), input.now);
}
