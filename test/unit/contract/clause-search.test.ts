import { describe, expect, it } from "vitest";
import { buildClauseIndex, expandQuery, tokenizeCjk } from "../../../src/contract/clause-search.js";
import { parseContract } from "../../../src/contract/contract-parser.js";
import { fixtureText } from "./fixture-files.js";

const direct = buildClauseIndex(parseContract(fixtureText("direct-basic.txt")).clauses);
const reseller = buildClauseIndex(parseContract(fixtureText("reseller-basic.txt")).clauses);
const top = (index: typeof direct, q: string) => index.search(q, 3).map((h) => `${h.part}:${h.ref}`);

describe("buildClauseIndex", () => {
  it.each([
    ["退款", "body:3.2.2"],
    ["能退费吗", "body:3.2.2"],
    ["发票什么时候开", "body:2.2"],
    ["开票", "body:2.2"],
    ["数据会被删除吗", "annex:2.4"],
    ["云盘数据清除", "annex:2.4"],
    ["赔偿上限", "body:5.1"],
    ["保密", "body:4.1"],
    ["聊天记录保存多久", "annex:2.3"],
  ])("direct: %j finds %s first", (q, ref) => expect(top(direct, q)[0]).toBe(ref));

  it.each([
    ["滞纳金", "body:2.3"],
    ["违约", "body:5.1"],
    ["到期", "body:3.1"],
    ["退款", "body:3.2"],
    ["争议怎么解决", "body:7.1"],
  ])("reseller: %j finds %s in the top 3", (q, ref) => expect(top(reseller, q)).toContain(ref));

  it("returns refs, parts and descending scores, at most `limit`", () => {
    const hits = direct.search("到期 终止 续费", 4);
    expect(hits).toHaveLength(4);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(hits[0].clause.ref).toBe(hits[0].ref);
  });
  it("returns nothing for an empty query or one with no match", () => {
    expect(direct.search("   ")).toEqual([]);
    expect(direct.search("区块链 zzz")).toEqual([]);
    expect(buildClauseIndex([]).search("退款")).toEqual([]);
  });
});

describe("tokenizer and synonyms", () => {
  it("makes CJK bigrams and ASCII words", () => expect(tokenizeCjk("退款 API调用")).toEqual(["退款", "api", "调用"]));
  it("keeps a single CJK character", () => expect(tokenizeCjk("钱")).toEqual(["钱"]));
  it("expands synonyms", () => {
    expect(expandQuery("退款")).toContain("退费");
    expect(expandQuery("滞纳金")).toContain("违约");
    expect(expandQuery("届满")).toContain("到期");
    expect(expandQuery("清除")).toContain("删除");
  });
});
