import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { seedContract } from "../../support/contract-factory.js";

/** With three admins and one contract, a day on which no notice is due costs at most 30 DingTalk calls. */
describe("the steward's steady-state DingTalk footprint", () => {
  const DAY = "2025-06-11"; // a Wednesday in the middle of a term that runs 2025-03-01 … 2026-02-28
  let fake: FakeDingTalk;
  let app: RunningSteward;
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
  });

  /** Sweeps the day before (what was due then is sent), then every 20-minute slot of DAY; returns DAY's requests per API. */
  async function quietDay(opts: { knownAdmins: boolean }): Promise<{ total: number; byApi: Record<string, number>; notices: number; sent: number }> {
    const clock = new FixedClock(`${DAY}T00:00:00+08:00`);
    fake = await FakeDingTalk.start();
    if (opts.knownAdmins) for (const userid of ["admin1", "admin2", "admin3"]) fake.addUser({ userid, sysLevel: 2 });
    const config = loadConfig({
      PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent",
      STEWARD_ADMIN_USERIDS: "admin1,admin2,admin3", STEWARD_ADMIN_GROUPS: "cidAdminGroup1", ...fake.env(),
    });
    app = await startSteward(config, { log: silentLogger, clock, scheduler: false });
    await seedContract(app.ds, { corpId: fake.app.corpId, startsOn: "2025-03-01" });
    const start = clock.now().getTime();
    const before = new Date(start - 14 * 3_600_000);
    clock.set(before);
    await app.services.runReminderSweep({ now: before });
    const seen = fake.requests.length;
    const sentBefore = fake.sent.length;
    let notices = 0;
    for (let t = start + 10 * 60_000; t < start + 86_400_000; t += 20 * 60_000) {
      clock.set(new Date(t));
      notices += (await app.services.runReminderSweep({ now: new Date(t) })).notices.length;
    }
    const byApi: Record<string, number> = {};
    for (const r of fake.requests.slice(seen)) byApi[r.api] = (byApi[r.api] ?? 0) + 1;
    return { total: fake.requests.length - seen, byApi, notices, sent: fake.sent.length - sentBefore };
  }

  it("reads the drive space once a day and sends nothing: far below 30 calls", async () => {
    const day = await quietDay({ knownAdmins: true });
    expect(day).toMatchObject({ notices: 0, sent: 0 });
    expect(day.total, JSON.stringify(day.byApi)).toBeLessThanOrEqual(30);
    expect(day.byApi["storage.org"]).toBe(1);
    expect(day.byApi["oapi.user.get"] ?? 0).toBe(0); // the operator's unionid is cached from the day before
  });

  it("with an admin id DingTalk does not know, retries the drive reading every 6 hours, not at every sweep", async () => {
    const day = await quietDay({ knownAdmins: false });
    expect(day).toMatchObject({ notices: 0, sent: 0 });
    expect(day.total, JSON.stringify(day.byApi)).toBeLessThanOrEqual(30);
    expect(day.byApi["oapi.user.get"]).toBeLessThanOrEqual(4);
  });
});
