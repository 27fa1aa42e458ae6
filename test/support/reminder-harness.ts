import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { loadConfig, type Config } from "../../src/config/index.js";
import { ContractEntity, OrgEntity, QuotaEntity } from "../../src/db/entities/index.js";
import type { DatabaseClock } from "../../src/db/database-clock.js";
import { createDingTalkClients, type DingTalkClients } from "../../src/dingtalk/dingtalk-clients.js";
import { termEndsOn } from "../../src/domain/contract-timeline.js";
import type { QuotaTerm } from "../../src/domain/model.js";
import { FixedClock } from "../../src/lib/clock.js";
import { silentLogger } from "../../src/lib/logger.js";
import { createServices, type Services } from "../../src/services/create-services.js";
import { DingTalkMessenger, type Messenger } from "../../src/services/messenger.js";
import { DEFAULT_FAKE_APP, type FakeDingTalk } from "../fakes/fake-dingtalk.js";

/** Config for reminder tests: two admins, one admin group, optional fake DingTalk and settings overrides. */
export function reminderConfig(opts: { fake?: FakeDingTalk; admins?: string; groups?: string; settings?: Record<string, unknown>; publicUrl?: string } = {}): Config {
  const env: Record<string, string> = {
    DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent", STEWARD_ADMIN_USERIDS: opts.admins ?? "admin1,admin2",
    STEWARD_ADMIN_GROUPS: opts.groups ?? "cidAdminGroup1", ...(opts.fake ? opts.fake.env() : {}),
    ...(opts.publicUrl ? { STEWARD_PUBLIC_URL: opts.publicUrl } : {}),
  };
  if (opts.settings) {
    const file = join(mkdtempSync(join(tmpdir(), "rem-")), "settings.json");
    writeFileSync(file, JSON.stringify(opts.settings));
    env.STEWARD_CONFIG_FILE = file;
  }
  return loadConfig(env);
}

/** DingTalk clients + messenger against the fake, on `clock` (the call policy's quota pause reads it). */
export function fakeMessenger(fake: FakeDingTalk, clock: FixedClock, qps = 500): { clients: DingTalkClients; messenger: Messenger } {
  const clients = createDingTalkClients({
    clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, robotCode: fake.app.robotCode, corpId: fake.app.corpId,
    apiBase: fake.baseUrl, oapiBase: fake.baseUrl, clock, qps, backoffBaseMs: 5, timeoutMs: 10_000,
  });
  return { clients, messenger: new DingTalkMessenger(clients.openApi, clients.policy) };
}

/** Services of one steward instance on `ds` (claims judged on `dbClock`, default the database's own clock). */
export function instance(ds: DataSource, config: Config, clock: FixedClock, opts: { messenger?: Messenger; instanceId?: string; dbClock?: DatabaseClock } = {}): Services {
  return createServices({ ds, clock, log: silentLogger, config }, { reminders: { messenger: opts.messenger, instanceId: opts.instanceId ?? "i1", dbClock: opts.dbClock } });
}

/** A database clock a test moves by hand (the time a database server would report), for stale-claim scenarios. */
export function manualDatabaseClock(start: Date): DatabaseClock & { set(at: Date): void; advance(ms: number): void } {
  let t = start.getTime();
  return { now: async () => new Date(t), set: (at) => (t = at.getTime()), advance: (ms) => (t += ms) };
}

/** Stores `n` minimal contracts (of the org `corpId`, default the fake DingTalk's) with the given quotas quickly, in chunks; returns their ids. */
export async function bulkContracts(
  ds: DataSource,
  n: number,
  opts: { startsOn: string; termMonths?: number; quotas?: QuotaTerm[]; paid?: boolean; corpId?: string },
): Promise<number[]> {
  const at = new Date("2024-01-01T00:00:00Z");
  const corpId = opts.corpId ?? DEFAULT_FAKE_APP.corpId; // the org the fake DingTalk's app belongs to
  const org = (await ds.manager.findOneBy(OrgEntity, { corpId })) ?? (await ds.manager.save(OrgEntity, { corpId, name: "示例科技（杭州）有限公司", createdAt: at }));
  const term = opts.termMonths ?? 12;
  const ids: number[] = [];
  for (let i = 0; i < n; i += 200) {
    const rows = Array.from({ length: Math.min(200, n - i) }, (_, k) => ({
      orgId: org.id, renewalOfId: null, format: "direct", title: "钉钉专业版合同", product: "钉钉专业版", edition: "pro", customerName: "示例科技",
      vendors: ["示例钉钉服务有限公司"], amountFen: 980000, amountWords: null, currency: "CNY", signedOn: opts.startsOn, startsOn: opts.startsOn,
      startsOnSource: "option" as const, endsOn: termEndsOn(opts.startsOn, term), termMonths: term, status: "active" as const,
      paymentTerms: null, invoiceTerms: null, paidOn: opts.paid === false ? null : opts.startsOn, invoiceRequestedOn: null, invoicedOn: null,
      docHash: `bulk-${i + k}-${org.id}`, docName: "bulk.txt", source: { text: "synthetic", warnings: [], sources: {} }, createdAt: at, updatedAt: at,
    }));
    const res = await ds.manager.insert(ContractEntity, rows);
    ids.push(...res.identifiers.map((x) => Number(x.id)));
  }
  const quotas = opts.quotas ?? [];
  if (quotas.length) {
    for (let i = 0; i < ids.length; i += 200) {
      await ds.manager.insert(QuotaEntity, ids.slice(i, i + 200).flatMap((contractId) => quotas.map((q) => ({ contractId, entitlementId: null, metric: q.metric, quotaLimit: q.limit, unit: q.unit, period: q.period }))));
    }
  }
  return ids;
}

/** Every robot digest item the fake received, as `recipient|contract|title` (one entry per user per item). */
export function deliveredItems(fake: FakeDingTalk): string[] {
  const out: string[] = [];
  for (const s of fake.sent) {
    if (s.api === "robot.ding") continue;
    const text = String(s.msgParam?.text ?? "");
    const who = s.api === "robot.groupSend" ? [String(s.openConversationId)] : s.userIds;
    for (const m of text.matchAll(/\*\*\d+\. (.+?)\*\* · .+?（合同 #(\d+)）/g)) for (const u of who) out.push(`${u}|${m[2]}|${m[1]}`);
  }
  return out;
}
