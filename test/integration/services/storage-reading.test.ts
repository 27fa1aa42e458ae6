import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { createDingTalkClients, type DingTalkClients } from "../../../src/dingtalk/dingtalk-clients.js";
import { UsageRecordEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import type { ServiceDeps } from "../../../src/services/service-deps.js";
import { refreshStorageReading } from "../../../src/services/storage-reading.service.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { seedContract } from "../../support/contract-factory.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

describe("drive-space reading from DingTalk", () => {
  let fake: FakeDingTalk;
  let db: TestDatabase;
  let clients: DingTalkClients;
  const clock = new FixedClock("2024-04-05T01:00:00Z");
  const deps = (env: Record<string, string>): ServiceDeps => ({ ds: db.ds, clock, log: silentLogger, config: loadConfig({ ...fake.env(), ...env }) });

  beforeAll(async () => {
    fake = await FakeDingTalk.start();
    fake.addUser({ userid: "admin01", sysLevel: 1 });
    fake.core.storagePartitions = [
      { partitionType: "PUBLIC_OSS_PARTITION", quota: { max: 1024 ** 4, used: 800 * 1024 ** 3, reserved: 0, type: "SHARE" } },
      { partitionType: "APP_PARTITION", quota: { max: 1024 ** 4, used: 12.5 * 1024 ** 3, reserved: 0, type: "SHARE" } },
    ];
    db = await openTestDatabase("sqlite");
    clients = createDingTalkClients({ ...loadConfig(fake.env()).dingtalk!, clock, timeoutMs: 2000 });
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2023-05-06" });
  });
  afterAll(async () => {
    await db?.drop();
    await fake?.close();
  });

  it("records the GB used as an api reading, acting as the first configured admin, at most once a day", async () => {
    const d = deps({ STEWARD_ADMIN_USERIDS: "admin01" });
    expect(await refreshStorageReading(d, clients)).toBe(812.5);
    const rows = await db.ds.manager.findBy(UsageRecordEntity, { metric: "storage.capacity_gb" });
    expect(rows.map((r) => [r.kind, Number(r.amount), r.source])).toEqual([["reading", 812.5, "api"]]);
    clock.advance(3600_000);
    expect(await refreshStorageReading(d, clients)).toBeNull();
    clock.advance(24 * 3600_000);
    expect(await refreshStorageReading(d, clients)).toBe(812.5);
  });

  it("records nothing, without throwing, when DingTalk fails or nobody can act as admin", async () => {
    clock.advance(48 * 3600_000);
    fake.failNext("storage.org", "server_error", 10);
    expect(await refreshStorageReading(deps({ STEWARD_ADMIN_USERIDS: "admin01" }), clients)).toBeNull();
    expect(await refreshStorageReading(deps({ DINGTALK_CORP_ID: "" }), clients)).toBeNull();
  });
});
