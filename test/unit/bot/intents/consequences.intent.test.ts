import { describe, expect, it } from "vitest";
import { consequencesIntent } from "../../../../src/bot/intents/consequences.intent.js";
import { norm } from "./match-kit.js";

describe("consequences intent matcher", () => {
  it.each([
    "不续费会怎样", "数据会被删除吗", "不续费有什么影响", "到期后会怎么样", "过期后聊天记录还在吗", "聊天记录会保留多久", "云盘数据会丢吗",
    "没续费的后果", "DING到期作废吗", "未用完的会顺延吗", "what happens if we don't renew", "will our data be deleted", "consequences of not renewing",
  ])("matches %j", (raw) => {
    expect(consequencesIntent.match(norm(raw))).toEqual({});
  });
  it.each(["不续费", "专业版什么时候到期", "DING还剩多少"])("does not match %j", (raw) => {
    expect(consequencesIntent.match(norm(raw))).toBeNull();
  });
});
