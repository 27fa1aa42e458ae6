import { describe, expect, it } from "vitest";
import { ENTITLEMENT_CATALOG } from "../../../src/domain/entitlement-catalog.js";
import { formatYuan, LABELLED_METRICS, metricLabel, unitLabel } from "../../../src/domain/display-labels.js";
import { QUOTA_UNITS } from "../../../src/domain/model.js";

describe("display labels", () => {
  it.each([
    ["phone_conference.minutes", "zh", "电话会议"],
    ["phone_conference.minutes", "en", "Phone conference"],
    ["storage.capacity_gb", "zh", "云盘空间（数字资产管理）"],
    ["other:自定义", "zh", "other:自定义"],
  ] as const)("names %s in %s as %s", (metric, lang, label) => {
    expect(metricLabel(metric, lang)).toBe(label);
  });

  it("names every catalog metric, and falls back to the given name for unknown ones", () => {
    for (const m of ENTITLEMENT_CATALOG.flatMap((e) => e.metrics)) expect(LABELLED_METRICS).toContain(m.metric);
    expect(metricLabel("x.y", "zh", "某权益")).toBe("某权益");
  });

  it("writes every unit in both languages", () => {
    for (const u of QUOTA_UNITS) {
      expect(unitLabel(u, "zh")).not.toBe("");
      expect(unitLabel(u, "en")).toMatch(/^[A-Za-z]+$/);
    }
    expect(unitLabel("minute", "zh")).toBe("分钟");
  });

  it.each([[980000, "¥9,800.00"], [49392, "¥493.92"], [5, "¥0.05"], [-123456789, "-¥1,234,567.89"]])("formats %i fen as %s", (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
