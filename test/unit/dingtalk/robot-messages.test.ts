import { describe, expect, it } from "vitest";
import { encodeMsgParam, robotMsg } from "../../../src/dingtalk/robot-messages.js";

describe("robotMsg builders", () => {
  const b = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `按钮${i + 1}`, url: `https://example.com/${i + 1}` }));

  it.each([
    [2, false, "sampleActionCard2", { actionTitle2: "按钮2", actionURL2: "https://example.com/2" }],
    [5, false, "sampleActionCard5", { actionTitle5: "按钮5" }],
    [2, true, "sampleActionCard6", { buttonTitle1: "按钮1", buttonUrl2: "https://example.com/2" }],
    [3, true, "sampleActionCard3", { actionTitle3: "按钮3" }],
  ])("%i buttons, horizontal=%s → %s", (n, horizontal, key, fields) => {
    const m = robotMsg.actionCardButtons("标题", "正文", b(n), horizontal);
    expect(m.msgKey).toBe(key);
    expect(m.msgParam).toMatchObject({ title: "标题", text: "正文", ...fields });
  });

  it("rejects 1 or 6 buttons and oversize messages before any API call", () => {
    expect(() => robotMsg.actionCardButtons("t", "x", b(1))).toThrow(/2 to 5 buttons/);
    expect(() => robotMsg.actionCardButtons("t", "x", b(6))).toThrow(/2 to 5 buttons/);
    expect(() => encodeMsgParam(robotMsg.markdown("t", "字".repeat(5001)))).toThrow(/at most 15000/);
    expect(JSON.parse(encodeMsgParam(robotMsg.markdown("t", "字".repeat(4990))))).toMatchObject({ title: "t" });
  });
});
