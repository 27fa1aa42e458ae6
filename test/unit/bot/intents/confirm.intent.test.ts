import { describe, expect, it } from "vitest";
import { confirmIntent, parseConfirm } from "../../../../src/bot/intents/confirm.intent.js";
import { routeText } from "../../../../src/bot/intents/index.js";
import { norm } from "./match-kit.js";

describe("confirm matcher", () => {
  it.each([
    ["确认终止", { action: "confirm", kind: "terminate" }], ["确认终止。", { action: "confirm", kind: "terminate" }],
    ["@钉钉管家 确认终止", { action: "confirm", kind: "terminate" }], ["确定终止", { action: "confirm", kind: "terminate" }],
    ["确认终止合同", { action: "confirm", kind: "terminate" }], ["confirm termination", { action: "confirm", kind: "terminate" }],
    ["确认录入", { action: "confirm", kind: "usage" }], ["确认记录", { action: "confirm", kind: "usage" }], ["confirm entry", { action: "confirm", kind: "usage" }],
    ["确认", { action: "confirm" }], ["确定！", { action: "confirm" }], ["Confirm", { action: "confirm" }],
    ["取消", { action: "cancel" }], ["算了", { action: "cancel" }], ["不终止", { action: "cancel" }], ["cancel", { action: "cancel" }],
  ])("%j → %j", (raw, params) => {
    expect(parseConfirm(norm(raw))).toEqual(params);
    expect(routeText(norm(raw)).intent.name).toBe("confirm");
  });
  it.each(["确认提醒", "取消订阅", "取消提醒", "撤销", "合同终止", "我确认一下合同金额", "确认终止是什么意思", "取消上一条"])("%j is not a confirmation", (raw) => {
    expect(parseConfirm(norm(raw))).toBeNull();
    expect(routeText(norm(raw)).intent.name).not.toBe("confirm");
  });
  it("changes state, so it only works 1:1 or in admin groups", () => {
    expect(confirmIntent.writes).toBe(true);
  });
});
