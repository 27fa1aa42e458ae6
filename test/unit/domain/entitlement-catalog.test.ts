import { describe, expect, it } from "vitest";
import {
  CATALOG_NAME_KEYS, ENTITLEMENT_CATALOG, findCatalogEntry, matchCatalogEntry, normalizeProductName,
} from "../../../src/domain/entitlement-catalog.js";
import { QUOTA_PERIODS, QUOTA_UNITS } from "../../../src/domain/model.js";

describe("ENTITLEMENT_CATALOG", () => {
  it("has the 23 codes of the spec, each once, with valid units and periods", () => {
    const codes = ENTITLEMENT_CATALOG.map((e) => e.code);
    expect(codes).toHaveLength(23);
    expect(new Set(codes).size).toBe(23);
    for (const e of ENTITLEMENT_CATALOG) {
      for (const m of e.metrics) {
        expect(QUOTA_UNITS).toContain(m.unit);
        expect(QUOTA_PERIODS).toContain(m.period);
        expect(m.defaultLimit).toBeGreaterThan(0);
      }
    }
  });

  it("keeps the spec's metric defaults", () => {
    const metric = (code: string, metric: string) => findCatalogEntry(code)?.metrics.find((m) => m.metric === metric);
    expect(metric("ding", "ding.messages")).toMatchObject({ unit: "message", period: "year", defaultLimit: 1000 });
    expect(metric("phone_conference", "phone_conference.minutes")).toMatchObject({ unit: "minute", period: "year", defaultLimit: 5000 });
    expect(metric("storage", "storage.capacity_gb")).toMatchObject({ unit: "gb", period: "none", defaultLimit: 1024 });
    expect(metric("app_dev", "api.calls")).toMatchObject({ unit: "call", period: "month", defaultLimit: 500000 });
    expect(metric("app_dev", "api.qps")).toMatchObject({ unit: "qps", period: "none", defaultLimit: 40 });
    expect(metric("data_recovery", "data_recovery.uses")).toMatchObject({ unit: "use", period: "term", defaultLimit: 1 });
    expect(findCatalogEntry("ding")?.category).toBe("benefit");
    expect(findCatalogEntry("online_service")?.category).toBe("service");
    expect(findCatalogEntry("nope")).toBeUndefined();
  });

  it("sorts name keys longest first so a longer name wins over its prefix", () => {
    const lengths = CATALOG_NAME_KEYS.map((k) => k.key.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });
});

describe("matchCatalogEntry", () => {
  it.each([
    ["自定义工作台-专业版", "custom_workbench"], ["自定义工作台－专业版", "custom_workbench"], ["自定义工作台 - 专业版", "custom_workbench"],
    ["自定义工作台专业版", "custom_workbench"], ["OA 审批专业版", "oa_approval_pro"], ["ＯＡ审批专业版", "oa_approval_pro"],
    ["oa审批专业版", "oa_approval_pro"], ["聊天记录云端保存时效延长", "chat_history_extension"], ["考勤专家模式", "attendance_pro"],
    ["钉钉云盘操作日志查询", "drive_audit_log"], ["数字资产管理", "storage"], ["DING", "ding"], ["ＤＩＮＧ", "ding"], ["ding", "ding"],
    ["电话会议", "phone_conference"], ["企业帐号", "enterprise_accounts"], ["视频会议专业版（高清）", "video_conference"],
    ["企业内部应用开发 权益", "app_dev"], ["通讯录", "contacts"],
  ])("%s → %s", (cell, code) => expect(matchCatalogEntry(cell)?.code).toBe(code));

  it.each(["智能填表", "", "   ", "会议", "钉钉"])("no entry for %j", (cell) => expect(matchCatalogEntry(cell)).toBeNull());

  it("normalizes names per character", () => expect(normalizeProductName(" Ｏ Ａ审批－专业版 ")).toBe("oa审批专业版"));
});
