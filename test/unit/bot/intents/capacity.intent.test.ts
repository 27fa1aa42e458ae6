import { describe, expect, it } from "vitest";
import { parseCapacityQuestion } from "../../../../src/bot/intents/capacity.intent.js";
import { routeText } from "../../../../src/bot/intents/index.js";
import { norm } from "./match-kit.js";

describe("capacity question matcher: the noun picks the figure", () => {
  it.each([
    ["视频会议最多能开多大的会", "video", "people"],
    ["视频会议最多多少人", "video", "people"],
    ["视频会议一场最多几个人参会", "video", "people"],
    ["开会最多能进多少人", "video", "people"],
    ["视频会议支持多少方", "video", "people"],
    ["视频会议一场能开多久", "video", "duration"],
    ["视频会议时长上限是多少", "video", "duration"],
    ["视频会议最长能开几个小时", "video", "duration"],
    ["视频会议能同时开几场", "video", "concurrency"],
    ["同时最多能开几个会", "video", "concurrency"],
    ["视频会议并发上限", "video", "concurrency"],
    ["直播最多多少人看", "live", "people"],
    ["直播最多能容纳多少人观看", "live", "people"],
    ["直播能同时开几场", "live", "concurrency"],
    ["有几个直播间", "live", "concurrency"],
    ["直播最长能播多久", "live", "duration"],
    ["电话会议最多几个人", "phone", "people"],
    ["通讯录最多多少人", "contacts", "people"],
    ["最多几台设备同时登录", "devices", "concurrency"],
    ["文档最多几个人同时编辑", "docs", "people"],
    ["视频会议上限", "video", null],
    ["how many people can join a video meeting", "video", "people"],
    ["how long can a meeting last", "video", "duration"],
  ] as const)("%j → %s / %s", (raw, subject, facet) => {
    expect(parseCapacityQuestion(norm(raw))).toEqual({ subject, facet });
  });

  it.each(["视频会议还剩多少", "DING还剩多少", "电话会议用了 90 分钟", "帮我订会议室", "专业版什么时候到期", "直播用完了怎么办"])("does not match %j", (raw) => {
    expect(parseCapacityQuestion(norm(raw))).toBeNull();
  });

  it.each(["视频会议最多能开多大的会", "直播最多多少人看", "视频会议一场能开多久", "通讯录最多多少人"])("routes %j to the capacity intent", (raw) => {
    expect(routeText(norm(raw)).intent.name).toBe("capacity");
  });
});
