import { describe, expect, it } from "vitest";
import { undoUsageIntent } from "../../../../src/bot/intents/undo-usage.intent.js";
import { norm } from "./match-kit.js";

describe("undo intent matcher", () => {
  it.each(["撤销", "撤销。", "撤回", "撤消", "@钉钉管家 撤销", "撤销上一条", "撤回刚才的记录", "取消上一条", "撤销一下", "undo", "Undo last", "revert"])(
    "matches %j",
    (raw) => expect(undoUsageIntent.match(norm(raw))).toEqual({}),
  );
  it.each(["撤销合同", "怎么撤销", "undo the contract", "DING用了30条"])("does not match %j", (raw) => {
    expect(undoUsageIntent.match(norm(raw))).toBeNull();
  });
});
