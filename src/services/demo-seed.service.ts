import { readFileSync } from "node:fs";
import { projectPath } from "../config/project-paths.js";
import { addDays, addMonths, businessDate, startOfBusinessDay } from "../domain/business-calendar.js";
import { parseContractFile } from "../contract/index.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { UsageRepository } from "../db/repositories/usage.repository.js";
import { importContract } from "./contract-import.service.js";
import type { ServiceDeps } from "./service-deps.js";

/** The synthetic contract the demo shows (no real parties). */
const DEMO_CONTRACT = projectPath("config", "demo-contract.txt");

/** What the demo seed created. */
export interface DemoSeedResult {
  seeded: boolean;
  contractId: number | null;
  corpId: string;
}

/**
 * Creates a synthetic demo org with a contract signed, paid and invoiced on time that ends in 30 days, and a few
 * months of usage, so a first start has something to show. `onlyIfEmpty` leaves a database
 * that already has an org untouched.
 */
export async function seedDemo(deps: ServiceDeps, opts: { onlyIfEmpty: boolean }): Promise<DemoSeedResult> {
  const corpId = deps.config.dingtalk?.corpId ?? "demo-corp";
  const contracts = new ContractRepository(deps.ds);
  if (opts.onlyIfEmpty && (await contracts.countOrgs()) > 0) return { seeded: false, contractId: null, corpId };
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const today = businessDate(now, tz);
  const template = readFileSync(DEMO_CONTRACT, "utf8");
  const { document } = await parseContractFile(Buffer.from(template), "demo-contract.txt");
  const startsOn = addMonths(addDays(today, 31), -(document.termMonths ?? 12));
  const [y, m, d] = startsOn.split("-").map(Number);
  const bytes = Buffer.from(template.replace(/时间：\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g, `时间：${y} 年 ${m} 月 ${d} 日`));
  const result = await importContract(deps, { bytes, fileName: "demo-contract.txt", corpId, startsOn, force: true, actor: "demo-seed" });
  if (result.status !== "imported") return { seeded: false, contractId: result.contractId, corpId };
  await contracts.setDates(result.contractId, { paidOn: addDays(startsOn, 20), invoicedOn: addDays(startsOn, 23) }, now);
  const usage = new UsageRepository(deps.ds);
  const at = (daysAgo: number) => new Date(startOfBusinessDay(addDays(today, -daysAgo), tz).getTime() + 10 * 3600_000);
  const entries: [string, "delta" | "reading", number, number][] = [
    ["ding.messages", "delta", 120, 200], ["ding.messages", "delta", 160, 120], ["ding.messages", "delta", 80, 20],
    ["phone_conference.minutes", "delta", 600, 180], ["phone_conference.minutes", "delta", 640, 35],
    ["storage.capacity_gb", "reading", 702, 60], ["storage.capacity_gb", "reading", 760, 30], ["storage.capacity_gb", "reading", 812, 1],
    ["api.calls", "delta", 410_000, 0],
  ];
  const known = new Set(result.document.entitlements.flatMap((e) => e.quotas.map((q) => q.metric)));
  for (const [metric, kind, amount, daysAgo] of entries) {
    if (!known.has(metric)) continue;
    await usage.append({
      contractId: result.contractId, metric, kind, amount, occurredAt: daysAgo === 0 ? now : at(daysAgo),
      source: metric === "api.calls" ? "self" : metric.startsWith("storage") ? "api" : "manual", recordedBy: "demo-seed", note: null, createdAt: now,
    });
  }
  return { seeded: true, contractId: result.contractId, corpId };
}
