/**
 * Load-test data: N synthetic contracts shaped like a real import of the demo contract (its entitlements, quotas and
 * clauses), spread over M synthetic orgs, with end dates spread over the next year, some payments and invoices
 * outstanding, and usage from light to over quota, so sweeps, the page and the bot see realistic variety.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { setImmediate } from "node:timers/promises";
import { z } from "zod";
import { projectPath } from "../config/project-paths.js";
import { parseContractFile } from "../contract/index.js";
import { BulkSeedRepository, type SeedContract } from "../db/repositories/bulk-seed.repository.js";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import type { ContractDocument } from "../domain/contract-document.js";
import { addDays, addMonths, businessDate, daysBetween, startOfBusinessDay } from "../domain/business-calendar.js";
import { termEndsOn } from "../domain/contract-timeline.js";
import type { IsoDate } from "../domain/model.js";
import { parseInput } from "../lib/parse-input.js";
import type { ServiceDeps } from "./service-deps.js";

/** Contracts inserted per transaction. */
const BATCH = 250;

const SeedInput = z.object({
  contracts: z.number().int().min(1).max(1_000_000),
  orgs: z.number().int().min(1).max(1_000_000).optional(),
}).refine((v) => v.orgs === undefined || v.orgs <= v.contracts, { message: "must not exceed --contracts", path: ["orgs"] });

/** How many synthetic contracts and orgs to create; `orgs` defaults to one org per contract. */
export type DemoContractsInput = z.input<typeof SeedInput>;

/** What a bulk seed created. */
export interface DemoContractsResult {
  contracts: number;
  orgs: number;
  firstContractId: number;
  lastContractId: number;
  ms: number;
}

/** Usage the seed records, per metric the contract has a quota for: ledger kind and source. */
const USAGE_METRICS: Record<string, { kind: "delta" | "reading"; source: "manual" | "api" | "self" }> = {
  "ding.messages": { kind: "delta", source: "manual" },
  "phone_conference.minutes": { kind: "delta", source: "manual" },
  "storage.capacity_gb": { kind: "reading", source: "api" },
  "api.calls": { kind: "delta", source: "self" },
};

/** A deterministic spread in [0, 1) for contract `i` and a salt (no randomness: the same N gives the same data). */
function spread(i: number, salt: number): number {
  return (((i + 1) * 2_654_435_761 + salt * 40_503) >>> 0) / 2 ** 32;
}

/** The rows of contract `i` of the seed (pure arithmetic on the parsed template). */
function plan(doc: ContractDocument, text: string, i: number, ctx: { orgId: number; customer: string; tag: string; today: IsoDate; now: Date; at: (d: IsoDate) => Date }): SeedContract {
  const termMonths = spread(i, 1) < 0.8 ? 12 : 36;
  const daysLeft = Math.floor(spread(i, 2) * 360) - 30;
  const startsOn = addMonths(addDays(ctx.today, daysLeft + 1), -termMonths);
  const endsOn = termEndsOn(startsOn, termMonths);
  const signedOn = addDays(startsOn, -Math.floor(spread(i, 3) * 10));
  const paid = spread(i, 4) < 0.85;
  const paidOn = paid ? addDays(signedOn, Math.floor(spread(i, 5) * 40)) : null;
  const invoicedOn = paidOn && spread(i, 6) < 0.8 ? addDays(paidOn, Math.floor(spread(i, 7) * 12)) : null;
  const sinceStart = Math.max(0, daysBetween(startsOn, ctx.today));
  const seen = new Set<string>();
  const quotas = doc.entitlements.flatMap((e, position) => e.quotas.filter((q) => !seen.has(q.metric) && seen.add(q.metric)).map((q) => ({
    metric: q.metric, quotaLimit: q.limit, unit: q.unit, period: q.period, entitlementPosition: position,
  })));
  const usage: SeedContract["usage"] = [];
  for (const [k, q] of quotas.entries()) {
    const how = USAGE_METRICS[q.metric];
    if (!how || q.period === "none") continue;
    const level = q.quotaLimit * spread(i, 10 + k) * 1.15;
    const entry = (amount: number, daysAgo: number) => ({
      metric: q.metric, kind: how.kind, amount: Math.round(amount), occurredAt: daysAgo === 0 ? ctx.now : ctx.at(addDays(ctx.today, -daysAgo)),
      source: how.source, recordedBy: "demo-seed", note: null, createdAt: ctx.now, revokedAt: null, revokedBy: null,
    });
    if (how.kind === "reading") usage.push(entry(level * 0.9, Math.min(60, sinceStart)), entry(level, Math.min(1, sinceStart)));
    else if (q.period === "month") usage.push(entry(level, 0));
    else usage.push(entry(level * 0.5, Math.min(200, sinceStart)), entry(level * 0.3, Math.min(120, sinceStart)), entry(level * 0.2, Math.min(20, sinceStart)));
  }
  return {
    contract: {
      orgId: ctx.orgId, renewalOfId: null, format: doc.format, title: doc.title, product: doc.product, edition: doc.edition,
      customerName: ctx.customer, vendors: doc.vendors.map((v) => v.name), amountFen: doc.amount?.fen ?? null, amountWords: doc.amount?.words ?? null,
      currency: doc.amount?.currency ?? "CNY", signedOn, startsOn, startsOnSource: "option", endsOn, termMonths, status: "active",
      paymentTerms: doc.deadlines.payment, invoiceTerms: doc.deadlines.invoice, paidOn, invoiceRequestedOn: null, invoicedOn,
      docHash: `demo-load-${ctx.tag}-${i}`, docName: "demo-contract.txt", source: { text, warnings: doc.warnings, sources: doc.sources ?? {} },
      createdAt: ctx.now, updatedAt: ctx.now,
    },
    entitlements: doc.entitlements.map((e, position) => ({
      code: e.code.slice(0, 100), name: e.name.slice(0, 200), category: e.category, description: e.description, spec: e.spec?.slice(0, 500) ?? null, position,
    })),
    quotas,
    clauses: doc.clauses.map((c, position) => ({ part: c.part, ref: c.ref.slice(0, 32), text: c.text, tags: c.tags, position })),
    usage,
  };
}

/**
 * Creates `contracts` synthetic contracts over `orgs` synthetic orgs (`demo-load-1` …), in batched multi-row inserts,
 * one transaction per batch; a repeat adds more. Yields between batches so a running service keeps answering.
 */
export async function seedDemoContracts(deps: ServiceDeps, raw: DemoContractsInput): Promise<DemoContractsResult> {
  const input = parseInput(SeedInput, raw);
  const t0 = performance.now();
  const orgCount = input.orgs ?? input.contracts;
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const text = readFileSync(projectPath("config", "demo-contract.txt"), "utf8");
  const { document } = await parseContractFile(Buffer.from(text), "demo-contract.txt");
  const repo = new BulkSeedRepository(deps.ds);
  const orgs = Array.from({ length: orgCount }, (_, k) => ({ corpId: `demo-load-${k + 1}`, name: `示例客户${k + 1}（演示）有限公司` }));
  const orgIds = await repo.ensureOrgs(orgs, now);
  const tenOClock = new Map<IsoDate, Date>();
  const at = (d: IsoDate) => tenOClock.get(d) ?? tenOClock.set(d, new Date(startOfBusinessDay(d, tz).getTime() + 10 * 3600_000)).get(d)!;
  const ctx = { tag: `${now.getTime().toString(36)}${randomBytes(3).toString("hex")}`, today: businessDate(now, tz), now, at };
  const ids: number[] = [];
  for (let i = 0; i < input.contracts; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, input.contracts - i) }, (_, k) => {
      const org = orgs[(i + k) % orgCount]!;
      return plan(document, text, i + k, { ...ctx, orgId: orgIds.get(org.corpId)!, customer: org.name });
    });
    ids.push(...(await repo.insertContracts(batch)));
    await setImmediate();
  }
  await new AuditRepository(deps.ds).record({
    orgId: null, actor: "demo-seed", action: "demo.seed_contracts", subjectType: "contract", subjectId: null,
    details: { contracts: ids.length, orgs: orgCount, firstContractId: ids[0], lastContractId: ids.at(-1) }, occurredAt: now,
  });
  return { contracts: ids.length, orgs: orgCount, firstContractId: ids[0]!, lastContractId: ids.at(-1)!, ms: Math.round(performance.now() - t0) };
}
