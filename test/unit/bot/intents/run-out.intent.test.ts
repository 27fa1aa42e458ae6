import { describe, expect, it } from "vitest";
import { routeText } from "../../../../src/bot/intents/index.js";
import { parseRunOut } from "../../../../src/bot/intents/run-out.intent.js";
import { norm } from "./match-kit.js";

describe("run-out matcher: what to do when an allowance is used up", () => {
  it.each([
    ["电话会议分钟用完了怎么办", "phone_conference.minutes"],
    ["电话会议时长不够用了怎么办", "phone_conference.minutes"],
    ["DING不够用了怎么办", "ding.messages"],
    ["DING 用完了还能用吗", "ding.messages"],
    ["ding消息用光了咋办", "ding.messages"],
    ["云盘满了怎么办", "storage.capacity_gb"],
    ["云盘满了怎么扩容", "storage.capacity_gb"],
    ["存储空间不够了如何处理", "storage.capacity_gb"],
    ["API调用超了会怎样", "api.calls"],
    ["接口调用量超出了怎么办", "api.calls"],
    ["数据恢复次数用完了怎么办", "data_recovery.uses"],
    ["电话会议能加购吗", "phone_conference.minutes"],
    ["DING 怎么充值", "ding.messages"],
    ["额度用完了怎么办", null],
    ["what if we run out of phone minutes, what do we do", "phone_conference.minutes"],
    ["DING messages ran out, what now", "ding.messages"],
  ] as const)("%j → %s", (raw, metric) => {
    expect(parseRunOut(norm(raw))).toEqual({ metric });
  });

  it.each(["DING还剩多少", "不续费会怎样", "数据会被删除吗", "云盘快满了吗", "电话会议用了 90 分钟", "视频会议最多多少人"])("does not match %j", (raw) => {
    expect(parseRunOut(norm(raw))).toBeNull();
  });

  it.each(["电话会议分钟用完了怎么办", "API调用超了会怎样", "云盘满了怎么办", "DING不够用了怎么办"])("routes %j to the run-out intent", (raw) => {
    expect(routeText(norm(raw)).intent.name).toBe("quota.run_out");
  });
});
