import { Readable } from "node:stream";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerChatCommand } from "../../../src/cli/chat.command.js";
import type { CliContext } from "../../../src/cli/cli-context.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices } from "../../../src/services/create-services.js";
import { BOT_NOW, botConfig } from "../../support/bot-fixtures.js";
import { seedContract } from "../../support/contract-factory.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase("sqlite");
  await seedContract(db.ds, { startsOn: "2023-05-06" });
});
afterAll(async () => db?.drop());

/** Runs `chat ARGS` with `lines` piped on stdin; returns what it printed. */
async function chat(args: string[], lines: string[], env: Record<string, string> = {}): Promise<string> {
  const out: string[] = [];
  const config = botConfig(env);
  const clock = new FixedClock(BOT_NOW);
  const services = createServices({ ds: db.ds, clock, log: silentLogger, config });
  const ctx: CliContext = {
    config: () => config, log: () => silentLogger, clock, out: (s) => out.push(s), err: (s) => out.push(`ERR ${s}`),
    services: async () => services, rawDataSource: async () => db.ds, close: async () => undefined,
  };
  const program = new Command("steward").exitOverride();
  registerChatCommand(program, ctx, () => ({ input: Readable.from([`${lines.join("\n")}\n`]), interactive: false }));
  await program.parseAsync(["chat", ...args], { from: "user" });
  return out.join("\n");
}

describe("`steward chat` (offline, the same pipeline, piped stdin)", () => {
  it("answers each piped line as a transcript", async () => {
    const out = await chat(["--admin", "--name", "王管理"], ["专业版还有多久到期", "", "电话会议用了 90 分钟", "退款"]);
    const turns = out.split(/^你> /m).filter(Boolean);
    expect(turns).toHaveLength(3);
    expect(turns[0]).toMatch(/^专业版还有多久到期\n\*\*钉钉专业版将于 2024-05-05 到期，还剩 30 天。\*\*/);
    expect(turns[1]).toContain("已记录 ✅ 电话会议 −90 分钟（王管理，2024-04-05 14:02）。剩余 4,910 分钟。");
    expect(turns[2]).toContain("> **合同 5.2** 服务费用一经支付，不予退还。");
  });
  it("without --admin, the allowlist decides; non-admins are refused", async () => {
    expect(await chat(["--user", "emp42"], ["DING还剩多少"])).toContain("抱歉，合同和额度信息仅对企业管理员开放。");
    expect(await chat(["--user", "admin9"], ["DING还剩多少"], { STEWARD_ADMIN_USERIDS: "admin9" })).toContain("**DING：剩余 1,000 / 1,000 条**");
  });
  it("--group applies group privacy", async () => {
    const out = await chat(["--admin", "--group", "cid-project"], ["合同金额"]);
    expect(out).toContain("请私聊我继续查看");
    expect(await chat(["--admin", "--group", "cid-admins"], ["合同金额"], { STEWARD_ADMIN_GROUPS: "cid-admins" })).toContain("**¥9,800.00**");
  });
  it("stops at 退出", async () => {
    const out = await chat(["--admin"], ["帮助", "退出", "DING还剩多少"]);
    expect(out).toContain("我是钉钉专业版管家");
    expect(out).not.toContain("DING：剩余");
  });
});
