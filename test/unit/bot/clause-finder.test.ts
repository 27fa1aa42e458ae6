import { describe, expect, it } from "vitest";
import { clausesByRef, findClauses } from "../../../src/bot/clause-finder.js";
import type { Clause } from "../../../src/domain/model.js";

const clauses: Clause[] = [
  { part: "body", ref: "3.1", text: "服务期限", tags: [] },
  { part: "body", ref: "3.1.5", text: "未使用完毕的服务内容不再有效、不可顺延。", tags: [] },
  { part: "body", ref: "5.2", text: "服务费用一经支付，不予退还。", tags: ["no_refund"] },
  { part: "body", ref: "6.1", text: "双方应对商业秘密承担保密义务。", tags: ["confidentiality"] },
  { part: "body", ref: "8.1", text: "因不可抗力无法履行的，可中止履行。", tags: ["force_majeure"] },
];

describe("built-in clause search", () => {
  it.each([
    ["退款", ["5.2"]], ["refund", ["5.2"]], ["保密", ["6.1"]], ["不可抗力", ["8.1"]], ["顺延", ["3.1.5"]], ["天气", []],
  ])("%j → %j", (q, refs) => expect(findClauses(clauses, q, 3).map((c) => c.ref)).toEqual(refs));
  it("ranks a clause first for its tag only when its text bears the tag out (a mis-tagged '删除旧功能' clause is not a deletion clause)", () => {
    const withDeletion: Clause[] = [
      { part: "body", ref: "3.4", text: "钉钉公司有权对专业版进行更新、修改，包括开发新功能 / 权益、删除旧功能 / 权益等。", tags: ["data_deletion"] },
      { part: "annex", ref: "2.4", text: "如果您方未及时续费该功能，钉钉公司有权清除您方存储在该空间的全部或部分数据且该数据清除不可恢复。", tags: ["data_deletion"] },
    ];
    expect(findClauses(withDeletion, "数据会被删除吗", 3).map((c) => c.ref)[0]).toBe("2.4");
  });
  it("finds a ref and the clauses under it", () => {
    expect(clausesByRef(clauses, "3.1", 3).map((c) => c.ref)).toEqual(["3.1", "3.1.5"]);
    expect(clausesByRef(clauses, "9", 3)).toEqual([]);
  });
});
