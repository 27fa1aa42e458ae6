import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { bulkContracts } from "../../support/reminder-harness.js";

/** /metrics counts every settled reminder delivery and every DingTalk call, on the real service against the fake. */
describe("reminder and DingTalk metrics", () => {
  let fake: FakeDingTalk;
  let app: RunningSteward;
  const T = new Date("2025-09-01T01:30:00Z"); // T-30 of terms ending 2025-10-01
  const scrape = async () => (await fetch(`${app.url}/metrics`)).text();

  beforeAll(async () => {
    fake = await FakeDingTalk.start();
    fake.markInvalidUsers(["gone"]);
    const config = loadConfig({
      PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent",
      STEWARD_ADMIN_USERIDS: "admin1,gone", STEWARD_ADMIN_GROUPS: "cidAdminGroup1", ...fake.env(),
    });
    app = await startSteward(config, { log: silentLogger, clock: new FixedClock(T), scheduler: false });
    await bulkContracts(app.ds, 3, { startsOn: "2024-10-02" });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("counts deliveries by kind, channel and status, and DingTalk calls by API and outcome", async () => {
    fake.failNext("robot.groupSend", "server_error");
    const report = await app.services.runReminderSweep({ now: T });
    expect(report).toMatchObject({ sent: 3, skipped: 3, failed: 3 });
    const text = await scrape();
    expect(text).toContain('steward_reminders_sent_total{kind="renewal",channel="robot",status="sent"} 3');
    expect(text).toContain('steward_reminders_sent_total{kind="renewal",channel="robot",status="skipped"} 3');
    expect(text).toContain('steward_reminders_sent_total{kind="renewal",channel="group",status="failed"} 3');
    expect(text).toMatch(/steward_dingtalk_calls\{api="robot\.batchSend",outcome="ok"\} 1\b/);
    expect(text).toMatch(/steward_dingtalk_calls\{api="robot\.groupSend",outcome="failures"\} 1\b/);
  });
});
