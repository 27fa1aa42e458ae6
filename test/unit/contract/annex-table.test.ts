import { describe, expect, it } from "vitest";
import { extractQuotas, readAnnexTable, rowsToEntitlements } from "../../../src/contract/annex-table.js";
import { findCatalogEntry } from "../../../src/domain/entitlement-catalog.js";

const read = (text: string) => {
  const lines = text.split("\n");
  const t = readAnnexTable(lines, 0, lines.length);
  return t ? { ...t, ...rowsToEntitlements(t.rows) } : null;
};

describe("readAnnexTable", () => {
  it("reads a tab-separated table with carried categories and a blank line inside", () => {
    const t = read("产品类别\t产品名称\t产品内容\t产品规格\n功能类\t保密群\t保护群内文件\t/\n\n\t数据恢复\t恢复数据\t各 1 次\n权益类\tDING\t提醒\t1 000 条/年\n-----\t---\t--\t---");
    expect(t?.layout).toBe("tsv");
    expect(t?.entitlements.map((e) => [e.code, e.category, e.spec])).toEqual([
      ["secure_groups", "feature", "/"], ["data_recovery", "feature", "各 1 次"], ["ding", "benefit", "1 000 条/年"],
    ]);
    expect(t?.entitlements[2].quotas).toEqual([{ metric: "ding.messages", limit: 1000, unit: "message", period: "year" }]);
  });
  it("reads a pipe table and finds columns by header name", () => {
    const t = read("| 产品名称 | 产品规格 | 产品内容 |\n|---|---|---|\n| 电话会议 | 2 000 分钟/月 | 沟通服务 |");
    expect(t?.entitlements[0]).toMatchObject({ code: "phone_conference", spec: "2 000 分钟/月", description: "沟通服务" });
    expect(t?.entitlements[0].quotas[0]).toMatchObject({ limit: 2000, period: "month" });
  });
  it("reads a flattened table: split names, specs on their own lines, inline specs, categories", () => {
    const t = read([
      "产品类别 产品名称 产品内容 产品规格", "", "功能类", "", "企业内部应用开发", "权益", "", "为企业内部应用开发提供更多的调用权",
      "益，包括连接流执行量", "", "API并发权益40qps", "API调用50万次/月", "", "多端登录 支持钉钉帐号同时登录 同时登录设备上限5个", "",
      "数据恢复 恢复误删除的组织架构（家校通", "讯录、解散组织除外），支持内部DING", "消息撤回", "", "各1次", "", "权益类", "",
      "DING 特殊消息提醒方式 1000条/年", "", "具体服务规格以页面为准。",
    ].join("\n"));
    expect(t?.layout).toBe("flattened");
    expect(t?.entitlements.map((e) => [e.code, e.name, e.spec])).toEqual([
      ["app_dev", "企业内部应用开发权益", "API并发权益40qps API调用50万次/月"],
      ["multi_device_login", "多端登录", "同时登录设备上限5个"],
      ["data_recovery", "数据恢复", "各1次"],
      ["ding", "DING", "1000条/年"],
    ]);
    expect(t?.entitlements[0].description).toBe("为企业内部应用开发提供更多的调用权益，包括连接流执行量");
    expect(t?.entitlements[3].category).toBe("benefit");
  });
  it("reads a flattened table whose cells are paragraphs (Word raw text) with an unknown row", () => {
    const t = read(["产品类别", "", "产品名称", "", "产品内容", "", "产品规格", "", "功能类", "", "保密群", "", "保护群内文件消息", "", "/", "",
      "智能填表", "", "在线表单收集", "", "/", "", "人事直通车", "", "新人地图", "", "20个"].join("\n"));
    expect(t?.entitlements.map((e) => [e.code, e.spec])).toEqual([["secure_groups", "/"], ["other:智能填表", "/"], ["hr_onboarding", "20个"]]);
    expect(t?.warnings.map((w) => w.code)).toEqual(["UNKNOWN_ENTITLEMENT"]);
  });
  it("returns null without a product table", () => expect(read("一、服务内容\n1.1 说明")).toBeNull());
  it("warns about duplicate rows and keeps the first", () => {
    const t = read("产品名称\t产品规格\nDING\t1000条/年\nDING\t2000条/年");
    expect(t?.entitlements).toHaveLength(1);
    expect(t?.warnings.map((w) => w.code)).toEqual(["DUPLICATE_ENTITLEMENT"]);
  });
});

describe("extractQuotas", () => {
  const q = (code: string, spec: string, desc = "") => extractQuotas(findCatalogEntry(code)!, spec, desc).map((x) => `${x.metric}=${x.limit}/${x.period}`);
  it.each([
    ["video_conference", "5个100方24小时高清会议", "", ["video_conference.concurrent_meetings=5/none", "video_conference.participants=100/none", "video_conference.hours=24/none"]],
    ["live_streaming", "3 个 500 方不限时高清直播间", "", ["live_streaming.rooms=3/none", "live_streaming.participants=500/none"]],
    ["app_dev", "API并发权益40qps API调用50万次/月 连接器连接流30万次/月", "", ["api.qps=40/none", "api.calls=500000/month", "connector.flows=300000/month"]],
    ["app_dev", "8 个高价值 API 应用内发 DING 消息 1000 次", "", ["api.high_value_apis=8/none", "ding.in_app=1000/term"]],
    ["storage", "1TB/年", "", ["storage.capacity_gb=1024/none"]],
    ["storage", "20G", "", ["storage.capacity_gb=20/none"]],
    ["data_recovery", "各1次", "", ["data_recovery.uses=1/term"]],
    ["multi_device_login", "同时登录设备上限5个", "", ["login.devices=5/none"]],
    ["contacts", "", "通讯录人数上限 2 000 人", ["contacts.members=2000/none"]],
    ["docs_pro", "/", "编辑人数限50人、插入本地文件限1GB/个、知识库上传文件20GB/个", ["docs.editors=50/none", "docs.file_insert_gb=1/none", "docs.kb_upload_gb=20/none"]],
    ["ding", "1000条/月", "", ["ding.messages=1000/month"]],
    ["phone_conference", "每年5000分钟", "", ["phone_conference.minutes=5000/year"]],
    ["hr_onboarding", "/", "20个新人地图", []],
    ["online_service", "7*10，8:00-18:00", "", []],
  ])("%s %j", (code, spec, desc, expected) => expect(q(code, spec, desc)).toEqual(expected));
});
