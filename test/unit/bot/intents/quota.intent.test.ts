import { describe, expect, it } from "vitest";
import { findMetric } from "../../../../src/bot/intents/metric-words.js";
import { quotaIntent } from "../../../../src/bot/intents/quota.intent.js";
import { norm } from "./match-kit.js";

describe("quota intent matcher", () => {
  it.each([
    ["DING还剩多少", "ding.messages"],
    ["ding 还剩几条", "ding.messages"],
    ["电话会议还有多少分钟", "phone_conference.minutes"],
    ["电话会还剩多少", "phone_conference.minutes"],
    ["电化会意还剩多少", "phone_conference.minutes"],
    ["云盘用了多少", "storage.capacity_gb"],
    ["云盘快满了吗", "storage.capacity_gb"],
    ["存储空间够不够", "storage.capacity_gb"],
    ["API调用量", "api.calls"],
    ["连接流执行情况", "connector.flows"],
    ["数据恢复还能用几次", "data_recovery.uses"],
    ["应用内DING剩多少", "ding.in_app"],
    ["how many DING messages left", "ding.messages"],
    ["is storage full", "storage.capacity_gb"],
    ["phone conference minutes remaining", "phone_conference.minutes"],
    ["电话会议", "phone_conference.minutes"],
  ])("%j → %s", (raw, metric) => {
    expect(quotaIntent.match(norm(raw))).toEqual({ metric });
  });
  it.each([
    ["直播最多多少人看", "live_streaming.participants"],
    ["直播能有多少人观看", "live_streaming.participants"],
    ["直播观看人数上限", "live_streaming.participants"],
    ["直播间最多几个人", "live_streaming.participants"],
    ["直播能容纳多少方", "live_streaming.participants"],
    ["直播有几个直播间", "live_streaming.rooms"],
    ["直播间还有几个", "live_streaming.rooms"],
    ["视频会议参会人数上限", "video_conference.participants"],
    ["视频会议最多多少人", "video_conference.participants"],
    ["视频会议最多几个人", "video_conference.participants"],
    ["视频会议方数", "video_conference.participants"],
  ])("names the right figure: %j → %s", (raw, metric) => {
    expect(findMetric(norm(raw))).toBe(metric);
  });
  it.each(["所有额度", "额度", "用量概览", "all quotas", "quota", "our usage"])("%j → all quotas", (raw) => {
    expect(quotaIntent.match(norm(raw))).toEqual({ metric: null });
  });
  it.each(["专业版什么时候到期", "发票开了吗", "regarding the contract", "还剩几天"])("does not match %j", (raw) => {
    expect(quotaIntent.match(norm(raw))).toBeNull();
  });
});
