import { describe, expect, it } from "vitest";
import { createPipeline } from "../../../src/bot/pipeline.js";
import { createMetrics } from "../../../src/lib/metrics.js";
import { fakeDeps, robotMessage } from "../../support/bot-fixtures.js";

describe("bot metrics: every message counted by intent and outcome", () => {
  it("counts answered, refused, deduped, error and unavailable messages and the claim retries into the /metrics text", async () => {
    const metrics = createMetrics();
    const seen = new Set<string>();
    let down = false;
    const deps = fakeDeps({
      metrics,
      claimRetry: { budgetMs: 0 },
      claimMessage: async (id) => {
        if (down) throw new Error("SQLITE_BUSY: database is locked");
        return !seen.has(id) && Boolean(seen.add(id));
      },
    });
    const broken = fakeDeps({ metrics, services: { requireOverview: async () => { throw new Error("boom"); } } as never });
    const ok = createPipeline(deps);
    const failing = createPipeline(broken);
    const ask = (text: string, over = {}) => ok(robotMessage({ text: { content: text }, ...over }));

    expect((await ask("DING还剩多少")).outcome).toBe("answered");
    expect((await ask("电话会议还剩多少")).outcome).toBe("answered");
    expect((await ask("DING还剩多少", { senderStaffId: "emp42" })).outcome).toBe("refused_non_admin");
    expect((await ask("合同终止", { conversationType: "2", conversationId: "cid-project" })).outcome).toBe("refused_group");
    expect((await ask("合同金额", { conversationType: "2", conversationId: "cid-project" })).outcome).toBe("refused_group");
    await ask("帮助", { msgId: "twice" });
    expect((await ask("帮助", { msgId: "twice" })).outcome).toBe("deduped");
    expect((await failing(robotMessage({ text: { content: "DING还剩多少" } }))).outcome).toBe("error");
    down = true;
    const unavailable = await ask("专业版什么时候到期");
    expect(unavailable.outcome).toBe("unavailable");
    expect(unavailable.sent.map((r) => r.text)).toEqual(["暂时无法查询，请稍后再试。"]);

    const text = await metrics.registry.metrics();
    for (const line of [
      'steward_bot_messages_total{intent="quota",outcome="answered"} 2',
      'steward_bot_messages_total{intent="quota",outcome="refused_non_admin"} 1',
      'steward_bot_messages_total{intent="renewal",outcome="refused_group"} 1',
      'steward_bot_messages_total{intent="contract",outcome="refused_group"} 1',
      'steward_bot_messages_total{intent="help",outcome="answered"} 1',
      'steward_bot_messages_total{intent="none",outcome="deduped"} 1',
      'steward_bot_messages_total{intent="quota",outcome="error"} 1',
      'steward_bot_messages_total{intent="none",outcome="unavailable"} 1',
      'steward_bot_claim_retries_total{result="gave_up"} 1',
    ]) expect(text).toContain(line);
    expect(text).toContain("# HELP steward_bot_messages_total Bot messages by intent and outcome");
  });
});
