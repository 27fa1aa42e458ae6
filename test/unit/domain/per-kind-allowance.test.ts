import { describe, expect, it } from "vitest";
import { entitlementSpec, metricPerKind } from "../../../src/domain/entitlement-display.js";
import { perKindAllowance, perKindCapacity, perKindText } from "../../../src/domain/per-kind-allowance.js";
import { SEED_FILES, seedDocument } from "../../support/seed-documents.js";

/** What the seeds' 数据恢复 rows say: direct "各2次" over four kinds, reseller "各 1 次" with the org-structure exception. */
const EXPECTED = {
  direct: {
    each: 2, zh: "组织架构、成员信息、内部群聊、群文件各 2 次",
    en: "twice each for org structure, member info, internal group chats and group files",
  },
  reseller: {
    each: 1, zh: "组织架构（家校通讯录、解散组织除外）、成员信息、内部群聊、群文件各 1 次",
    en: "once each for org structure (except home-school directories and disbanded organisations), member info, internal group chats and group files",
  },
} as const;

describe("各N次: N for each kind of data the row names", () => {
  it.each(SEED_FILES)("%s: the data recovery row, per kind, with the kinds its text names", async (file, format) => {
    const doc = await seedDocument(file);
    const row = doc.entitlements.find((e) => e.code === "data_recovery")!;
    const pk = metricPerKind("data_recovery.uses", row)!;
    const want = EXPECTED[format];
    expect(pk.each).toBe(want.each);
    expect(perKindText(pk, "zh")).toBe(want.zh);
    expect(perKindText(pk, "en")).toBe(want.en);
    expect(perKindCapacity(pk)).toBe(want.each * 4);
    expect(entitlementSpec({ ...row, quotas: row.quotas }, "zh")).toBe(want.zh);
    expect(entitlementSpec({ ...row, quotas: row.quotas }, "en")).toBe(`Data recovery: ${want.en}`);
    for (const k of pk.kinds) expect(row.description.replace(/\s+/g, "")).toContain(k.zh.replace(/（.*$/, ""));
  });

  it.each([
    ["各1次", "数据恢复", { each: 1, kinds: [] }, "各 1 次", "once for each kind of data"],
    ["各一次", "恢复误删除的聊天记录、云盘文件", { each: 1, kinds: [{ zh: "聊天记录", en: "chat history" }, { zh: "云盘文件", en: "drive files" }] }, "聊天记录、云盘文件各 1 次", "once each for chat history and drive files"],
    ["各 3 次", "为您提供企业误删除的组织架构、成员信息、内部群文件、OA审批数据及误解散的内部群，并提供企业组织内部DING消息的撤回能力", null, "组织架构、成员信息、内部群文件、OA 审批数据、误解散的内部群各 3 次", "3 times each for org structure, member info, internal group files, OA approval data and internal groups disbanded by mistake"],
  ] as const)("%j + %j", (spec, description, want, zh, en) => {
    const pk = perKindAllowance(spec, description)!;
    if (want) expect(pk).toEqual(want);
    expect(perKindText(pk, "zh")).toBe(zh);
    expect(perKindText(pk, "en")).toBe(en);
  });

  it("is not per kind without 各, and not for other metrics", () => {
    expect(perKindAllowance("1次", "恢复聊天记录")).toBeNull();
    expect(perKindAllowance("/", "x")).toBeNull();
    expect(metricPerKind("ding.messages", { code: "ding", spec: "各1000条", description: "" })).toBeNull();
  });
});
