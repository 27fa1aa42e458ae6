import { describe, expect, it } from "vitest";
import { helpIntent } from "../../../../src/bot/intents/help.intent.js";
import { norm } from "./match-kit.js";

describe("help intent matcher", () => {
  it.each([
    "帮助", "你能做什么", "怎么用", "help", "HELP!", "@钉钉管家 帮助", "你好", "菜单", "有什么功能", "使用说明", "what can you do?", "？", "😀", "", "帮主",
  ])("matches %j", (raw) => {
    expect(helpIntent.match(norm(raw))).toEqual({});
  });
  it.each(["DING还剩多少", "专业版什么时候到期", "电话会什么时候用完", "专业版有什么功能吗", "helpful clause"])("does not match %j", (raw) => {
    expect(helpIntent.match(norm(raw))).toBeNull();
  });
});
