import { describe, expect, it } from "vitest";
import { clausesFor, expiryConsequences } from "../../../src/domain/expiry-consequences.js";
import type { Clause } from "../../../src/domain/model.js";

const clauses: Clause[] = [
  { part: "body", ref: "3.1.5", text: "当年未使用完的电话会议分钟数及DING条数到期作废，不可顺延。", tags: [] },
  { part: "annex", ref: "2.3", text: "到期未续费的，聊天记录仅保留最近180天。", tags: ["data_retention"] },
  { part: "annex", ref: "2.4", text: "超出免费空间的数据，我方有权清除且该数据清除不可恢复。", tags: ["data_deletion", "renewal"] },
  { part: "body", ref: "5.2", text: "服务费用一经支付，不予退还。", tags: ["no_refund"] },
  { part: "body", ref: "9.1", text: "双方应对合作中知悉的商业秘密保密。", tags: ["confidentiality"] },
];

const kind = (facts: ReturnType<typeof expiryConsequences>, k: string) => facts.find((f) => f.kind === k)!;

const base = {
  timeline: { endsOn: "2024-05-05", chatHistory: { fallbackOn: "2024-05-06", earliestVisibleOn: "2023-11-08" }, driveDataRiskOn: "2024-05-06" },
  chatHistoryDays: 180,
  storageUsedGb: 812,
  freeStorageGb: 100,
  consumables: [{ metric: "ding.messages", remaining: 640, unit: "message" }, { metric: "data_recovery.uses", remaining: 0, unit: "use" }],
  clauses,
};

describe("expiryConsequences", () => {
  it("dates each consequence, in date order, and cites the clauses behind it", () => {
    const facts = expiryConsequences(base);
    expect(facts.map((f) => [f.kind, f.date, f.clauses.map((c) => c.ref)])).toEqual([
      ["consumables_lapse", "2024-05-05", ["3.1.5"]],
      ["chat_history", "2024-05-06", ["2.3"]],
      ["drive_data", "2024-05-06", ["2.4"]],
      ["no_refund", null, ["5.2"]],
    ]);
  });

  it("counts the GB above the free space, or leaves it unknown", () => {
    expect(kind(expiryConsequences(base), "drive_data").figures).toEqual({ usedGb: 812, freeGb: 100, atRiskGb: 712 });
    expect(kind(expiryConsequences({ ...base, storageUsedGb: 40 }), "drive_data").figures.atRiskGb).toBe(0);
    expect(kind(expiryConsequences({ ...base, storageUsedGb: null }), "drive_data").figures.atRiskGb).toBeNull();
  });

  it("lists only consumables with something left, and nothing without an end date", () => {
    expect(kind(expiryConsequences(base), "consumables_lapse").lapsing).toEqual([{ metric: "ding.messages", remaining: 640, unit: "message" }]);
    expect(expiryConsequences({ ...base, consumables: [] }).map((f) => f.kind)).not.toContain("consumables_lapse");
    expect(expiryConsequences({ ...base, timeline: { endsOn: null, chatHistory: null, driveDataRiskOn: null } })).toEqual([]);
  });

  it("finds supporting clauses by keyword when none is tagged", () => {
    const untagged = clauses.map((c) => ({ ...c, tags: [] }));
    expect(clausesFor("drive_data", untagged).map((c) => c.ref)).toEqual(["2.4"]);
    expect(clausesFor("no_refund", untagged).map((c) => c.ref)).toEqual(["5.2"]);
  });
});
