import { describe, expect, it } from "vitest";
import { ENTITLEMENT_CATALOG } from "../../../src/domain/entitlement-catalog.js";
import { entitlementAbout, entitlementName, entitlementSpec, hasCjk } from "../../../src/domain/entitlement-display.js";
import { metricLabel, unitLabel } from "../../../src/domain/display-labels.js";
import { SEED_FILES, seedDocument } from "../../support/seed-documents.js";

const defaults = (e: (typeof ENTITLEMENT_CATALOG)[number]) => e.metrics.map((m) => ({ metric: m.metric, limit: m.defaultLimit, unit: m.unit, period: m.period }));

describe("the catalogue in English", () => {
  it.each(ENTITLEMENT_CATALOG.map((e) => [e.code, e] as const))("%s: English name, about line, spec, metric labels and units hold no CJK", (_code, e) => {
    const row = { code: e.code, name: e.name, description: "中文说明", spec: "各1次", quotas: defaults(e) };
    for (const text of [entitlementName(e.code, e.name, "en"), entitlementAbout(e.code, "中文说明", "en"), entitlementSpec(row, "en"), entitlementSpec({ ...row, spec: "/" }, "en")]) {
      expect(text, text).not.toSatisfy(hasCjk);
    }
    for (const m of e.metrics) {
      expect(metricLabel(m.metric, "en")).not.toSatisfy(hasCjk);
      expect(unitLabel(m.unit, "en")).not.toSatisfy(hasCjk);
    }
    expect(entitlementName(e.code, e.name, "zh")).toBe(e.name);
  });

  it("keeps a spec cell that holds no Chinese (half-width), drops one that does, and keeps a row the catalogue lacks as written", () => {
    expect(entitlementSpec({ code: "online_service", name: "在线服务", spec: "7*10，8:00-18:00", quotas: [] }, "en")).toBe("7*10,8:00-18:00");
    expect(entitlementSpec({ code: "online_service", name: "在线服务", spec: "工作日服务", quotas: [] }, "en")).toBe("");
    expect(entitlementName("other:智能硬件", "智能硬件", "en")).toBe("智能硬件");
  });

  it.each(SEED_FILES)("%s: every entitlement of the seed reads without CJK in English", async (file) => {
    const doc = await seedDocument(file);
    expect(doc.entitlements.length).toBeGreaterThan(15);
    for (const e of doc.entitlements) {
      const row = { code: e.code, name: e.name, description: e.description, spec: e.spec, quotas: e.quotas };
      for (const text of [entitlementName(e.code, e.name, "en"), entitlementAbout(e.code, e.description, "en"), entitlementSpec(row, "en")]) expect(text, `${e.code}: ${text}`).not.toSatisfy(hasCjk);
    }
  });
});
