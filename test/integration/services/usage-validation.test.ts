import type { EntityManager } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEntity, ReminderDeliveryEntity, UsageRecordEntity } from "../../../src/db/entities/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { isAppError } from "../../../src/lib/app-error.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import type { RecordUsageInput } from "../../../src/services/usage.service.js";
import { seedContract } from "../../support/contract-factory.js";
import { DRIVERS } from "../../support/test-databases.js";
import { botHarness, type BotHarness } from "../bot/bot-harness.js";

const NEGATIVE = "用量不能是负数；如要更正上一次录入，请发「撤销」";
const SCIENTIFIC = "不支持 1e9 这样的科学计数法，请写出完整数字";
const ZERO = "用量必须大于 0";
const CONFIRM = "请在 5 分钟内（2024-04-05 14:07 前）回复「确认录入」";

/** Hostile chat phrasings: each is answered with what is wrong (and what to do), and nothing is stored. */
const BOT_CASES: [string, string][] = [
  ["电话会议用了 -90 分钟", NEGATIVE],
  ["DING用了-30条", NEGATIVE],
  ["电话会议用了负90分钟", NEGATIVE],
  ["云盘已用 -5GB", NEGATIVE],
  ["云盘已用 1e9GB", SCIENTIFIC],
  ["DING用了 1E3 条", SCIENTIFIC],
  ["电话会议用了 2.5e2 分钟", SCIENTIFIC],
  ["DING用了 99999999999 条", "⚠️ 这个数字超过DING额度上限的 2 倍：你录入 99,999,999,999 条，上限 1,000 条。还没有记录。"],
  ["电话会议用了 20000 分钟", "你录入 20,000 分钟，上限 5,000 分钟"],
  ["API调用 120万次", "你录入 1,200,000 次，上限 500,000 次"],
  ["云盘已用 3TB", "你录入 3,072 GB，上限 1,024 GB"],
  ["DING 用了 0 条", ZERO],
  ["电话会议用了 0 分钟", ZERO],
  ["DING 用了 0.0001 条", "DING只能录入整数（单位：条），不能录入 0.0001 条。请写整数"],
  ["电话会议用了 1.5 分钟", "电话会议只能录入整数（单位：分钟），不能录入 1.5 分钟"],
  ["数据恢复用了 0.5 次", "数据恢复只能录入整数（单位：次），不能录入 0.5 次"],
  ["电话会议用了 0.001 小时", "不能录入 0.06 分钟"],
  ["电话会议用了 1,5 分钟", "看不懂数字「1,5 分钟」：千位分隔请写成「1,500」，小数请用小数点"],
  ["DING 用了 1.2.3 条", "看不懂数字"],
  ["DING 用了 99999999999999 条", "这个数字太大了（超过 1 万亿），请核对后重新录入。"],
];

/** The same rules through the service API (what the page's POST /api/v1/usage calls): code and message. */
const API_CASES: [string, Partial<RecordUsageInput>, string, string][] = [
  ["a negative delta", { amount: -90 }, "invalid_input", "amount: cannot be negative; to correct an earlier entry, undo it (「撤销」 in chat) and record the right figure."],
  ["a negative reading", { metric: "storage.capacity_gb", kind: "reading", amount: -1 }, "invalid_input", "cannot be negative"],
  ["NaN", { amount: Number.NaN }, "invalid_input", "amount: must be a number, e.g. 30."],
  ["Infinity", { amount: Number.POSITIVE_INFINITY }, "invalid_input", "amount: must be a number, e.g. 30."],
  ["a string", { amount: "90" as unknown as number }, "invalid_input", "amount: must be a number, e.g. 30."],
  ["a zero delta", { amount: 0 }, "invalid_input", "amount: must be above 0; an entry of nothing changes nothing"],
  ["minus zero", { amount: -0 }, "invalid_input", "amount: must be above 0"],
  ["a fraction of whole messages", { metric: "ding.messages", amount: 0.0001 }, "invalid_input", "ding.messages is counted in whole messages"],
  ["a fraction of whole minutes", { amount: 12.5 }, "invalid_input", "phone_conference.minutes is counted in whole minutes"],
  ["a fraction of API calls", { metric: "api.calls", amount: 1.5 }, "invalid_input", "counted in whole calls"],
  ["more than 1e12", { amount: 1e13 }, "invalid_input", "amount: is implausibly large"],
  ["more than 2× the limit", { metric: "ding.messages", amount: 99_999_999_999 }, "confirmation_required", "more than 2× the ding.messages limit of 1000"],
  ["a reading more than 2× the limit", { metric: "storage.capacity_gb", kind: "reading", amount: 5000 }, "confirmation_required", "limit of 1024"],
  ["an unknown metric", { metric: "ding.mesages", amount: 1 }, "invalid_input", "Unknown metric"],
  ["a delta on a cap", { metric: "api.qps", amount: 1 }, "invalid_input", "is a cap"],
  ["a note over 500 characters", { amount: 1, note: "x".repeat(501) }, "invalid_input", "note: is limited to 500 characters; shorten it."],
];

function codeAndMessage(err: unknown): [string, string] {
  return isAppError(err) ? [err.code, err.message] : ["not an AppError", String(err)];
}

describe.each(DRIVERS)("usage figures: bad input stores nothing (%s)", (driver) => {
  let h: BotHarness;
  let contractId: number;
  beforeAll(async () => {
    h = await botHarness(driver);
    contractId = await seedContract(h.db.ds, { startsOn: "2023-05-06" });
  });
  afterAll(async () => h?.close());

  const nothingStored = async () => {
    const m = h.db.ds.manager;
    expect([await m.count(UsageRecordEntity), await m.count(ReminderDeliveryEntity), await m.count(OutboxEntity)]).toEqual([0, 0, 0]);
  };

  it.each(BOT_CASES)("bot: %j is refused (%j) and nothing is stored", async (text, expected) => {
    const replies = await h.ask(text);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(expected);
    await nothingStored();
  });

  it.each([
    ["in an ordinary group", { conversationType: "2", conversationId: "cid-project" }, "只能在与我的私聊或管理员群中进行"],
    ["from a non-admin", { senderStaffId: "emp42" }, "仅对企业管理员开放"],
  ] as const)("bot: a valid figure %s is refused and nothing is stored", async (_name, over, expected) => {
    expect((await h.ask("DING 用了 30 条", over))[0]).toContain(expected);
    await nothingStored();
  });

  it.each(API_CASES)("service: %s is refused", async (_name, over, code, message) => {
    const input = { contractId, metric: "phone_conference.minutes", amount: 90, kind: "delta", source: "manual", actor: "admin1", ...over } as RecordUsageInput;
    const [c, msg] = await h.services.recordUsage(input).then(() => ["stored", ""], codeAndMessage);
    expect(c).toBe(code);
    expect(msg).toContain(message);
    await nothingStored();
  });

  it("the over-limit question waits for 「确认录入」 from the same admin; then it is stored once (and can be undone)", async () => {
    expect((await h.ask("DING用了 99999999999 条"))[0]).toContain(CONFIRM);
    await nothingStored();
    expect((await h.ask("确认录入", { senderStaffId: "boss7", isAdmin: true }))[0]).toContain("没有等待你确认的操作");
    expect((await h.ask("确认录入", { conversationType: "2", conversationId: "cid-admins" }))[0]).toContain("没有等待你确认的操作");
    await nothingStored();
    expect((await h.ask("确认录入"))[0]).toMatch(/^已记录 ✅ DING −99,999,999,999 条（王管理，2024-04-05 14:02）。⚠️ 已超出上限/);
    expect((await h.ask("确认录入"))[0]).toContain("没有等待你确认的操作");
    const rows = await h.db.ds.manager.find(UsageRecordEntity);
    expect(rows.map((r) => [r.metric, Number(r.amount), r.note])).toEqual([["ding.messages", 99_999_999_999, "DING用了 99999999999 条"]]);
    expect((await h.ask("撤销"))[0]).toContain("已撤销 ↩️ DING −99,999,999,999 条");
  });

  it("an over-limit figure left unconfirmed for 5 minutes is not stored", async () => {
    const before = await h.db.ds.manager.count(UsageRecordEntity);
    expect((await h.ask("电话会议用了 20000 分钟"))[0]).toContain("「确认录入」");
    h.clock.advance(5 * 60_000);
    expect((await h.ask("确认录入"))[0]).toContain("确认已超过 5 分钟，没有做任何更改");
    expect((await h.ask("确认录入"))[0]).toContain("确认已超过 5 分钟");
    h.clock.set("2024-04-05T06:02:00.000Z");
    expect(await h.db.ds.manager.count(UsageRecordEntity)).toBe(before);
  });

  it("notes lose NUL, lone surrogates and bidi overrides before they are stored", async () => {
    const note = "March\u0000 total \u202egnp.exe\u202c \ud800end\u2066x\u2069";
    await h.services.recordUsage({ contractId, metric: "phone_conference.minutes", amount: 10, kind: "delta", source: "manual", actor: "notes", note });
    const row = await h.db.ds.manager.findOneByOrFail(UsageRecordEntity, { recordedBy: "notes" });
    expect(row.note).toBe("March total gnp.exe endx");
    await h.services.recordUsage({ contractId, metric: "phone_conference.minutes", amount: 10, kind: "delta", source: "manual", actor: "notes2", note: "\u0000\u202e" });
    expect((await h.db.ds.manager.findOneByOrFail(UsageRecordEntity, { recordedBy: "notes2" })).note).toBeNull();
  });

  it("undo is one transaction: when the audit insert fails, the entry stays recorded", async () => {
    await h.services.recordUsage({ contractId, metric: "phone_conference.minutes", amount: 7, kind: "delta", source: "manual", actor: "tx-undo" });
    const ds = h.db.ds;
    const original = ds.transaction.bind(ds);
    let failed = 0;
    (ds as { transaction: unknown }).transaction = ((work: (em: EntityManager) => Promise<unknown>) =>
      original(async (em) => {
        (em as { insert: unknown }).insert = async () => {
          failed++;
          throw new Error("audit insert failed");
        };
        return work(em);
      })) as typeof ds.transaction;
    try {
      await expect(h.services.undoLastUsage({ actor: "tx-undo" })).rejects.toThrow("audit insert failed");
    } finally {
      (ds as { transaction: unknown }).transaction = original;
    }
    expect(failed).toBe(1);
    expect((await ds.manager.findOneByOrFail(UsageRecordEntity, { recordedBy: "tx-undo" })).revokedAt).toBeNull();
    expect((await h.services.undoLastUsage({ actor: "tx-undo" })).amount).toBe(7);
  });
});

describe("usage figures over HTTP share the service's rules (POST /api/v1/usage)", () => {
  let app: RunningSteward;
  let contractId: number;
  let token: string;
  beforeAll(async () => {
    app = await startSteward(
      loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", STEWARD_DEMO_SEED: "off" }),
      { log: silentLogger, clock: new FixedClock("2024-04-05T06:00:00Z"), scheduler: false },
    );
    contractId = await seedContract(app.ds, { corpId: "ding-demo", startsOn: "2023-05-06" });
    const s = await fetch(`${app.url}/api/miniapp/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ demo: true }) });
    token = ((await s.json()) as { data: { token: string } }).data.token;
  });
  afterAll(async () => app?.stop());

  it.each([
    [{ amount: 0 }, 400, "invalid_input", "amount: must be above 0"],
    [{ amount: 0.0001, metric: "ding.messages" }, 400, "invalid_input", "counted in whole messages"],
    [{ amount: 99_999_999_999, metric: "ding.messages" }, 409, "confirmation_required", "more than 2×"],
    [{ amount: 1e13 }, 400, "invalid_input", "amount: is implausibly large"],
  ] as [Record<string, unknown>, number, string, string][])("%j → %d %s", async (over, status, code, message) => {
    const res = await fetch(`${app.url}/api/v1/usage`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ contractId, metric: "phone_conference.minutes", kind: "delta", ...over }),
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect([res.status, body.error.code]).toEqual([status, code]);
    expect(body.error.message).toContain(message);
    expect([await app.ds.manager.count(UsageRecordEntity), await app.ds.manager.count(OutboxEntity)]).toEqual([0, 0]);
  });
});
