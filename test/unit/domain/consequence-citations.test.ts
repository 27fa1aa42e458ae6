import { describe, expect, it } from "vitest";
import { consequencesReply } from "../../../src/bot/replies/consequences.reply.js";
import { expiryReply } from "../../../src/bot/replies/expiry.reply.js";
import { cite } from "../../../src/bot/replies/format.js";
import { clauseExceptions, clauseSays, CLAIM_TERMS } from "../../../src/domain/clause-claims.js";
import { consequenceBrief, consequenceText } from "../../../src/domain/consequence-wording.js";
import type { ConsequenceFact } from "../../../src/domain/expiry-consequences.js";
import { presentConsequence } from "../../../src/http/presenters/consequence.presenter.js";
import { buildOverview } from "../../support/bot-fixtures.js";
import { FEATURE_UPDATE_CLAUSE, SEED_FILES, seedDocument, withClauses } from "../../support/seed-documents.js";

/** The key words each claim must find in the clause it cites (README "Citations"). */
const KEY_WORDS: Record<ConsequenceFact["kind"], RegExp[]> = {
  no_refund: [/退款|退还|退费/],
  chat_history: [/聊天/, /\d+\s*天/],
  drive_data: [/清除|删除/, /数据|云盘|文件/],
  consumables_lapse: [/未使用|未用完/, /不再有效|作废|不可顺延/],
};

/**
 * What each seed's clauses say, so the table knows what to expect: [kind, cited refs, the exception to keep when the
 * cited clause has it (the text seed has "除法律法规另有规定以及不可抗力外" in 3.1.3, its PDF/DOCX renderings do not)].
 */
const EXPECTED = {
  direct: [
    ["consumables_lapse", ["3.1.3", "2.5"], "除法律法规另有规定以及不可抗力外"],
    ["chat_history", ["2.3"], null],
    ["drive_data", ["2.4"], null],
    ["no_refund", ["3.2.2", "3.1"], "除双方另有约定外"],
  ],
  reseller: [
    ["consumables_lapse", ["3.1"], null],
    ["chat_history", [], null],
    ["drive_data", [], null],
    ["no_refund", ["3.2"], "因钉钉公司原因造成的除外"],
  ],
} as const;

const at = "2024-04-05T06:02:00.000Z";

describe.each(SEED_FILES)("%s: every consequence cites only a clause that says it", (file, format) => {
  const load = async () => buildOverview({ doc: await seedDocument(file), now: at });

  it.each(EXPECTED[format].map((row) => [row[0], row] as const))("%s", async (kind, [, refs, exception]) => {
    const o = await load();
    const f = o.consequences.find((c) => c.kind === kind)!;
    expect(f, kind).toBeDefined();
    expect(f.clauses.map((c) => c.ref)).toEqual([...refs]);
    for (const c of f.clauses) for (const re of KEY_WORDS[kind]) expect(c.text, `${c.ref} for ${kind}`).toMatch(re);
    for (const lang of ["zh", "en"] as const) {
      const text = consequenceText(f, lang);
      expect(text).not.toMatch(/提前终止|early termination/i);
      if (f.clauses.length === 0) expect(text).toMatch(lang === "zh" ? /^合同未载明.*钉钉公布的数据政策.*dataRetention/ : /^The contract does not say.*DingTalk's published data policy.*dataRetention/);
      for (const c of f.clauses) {
        for (const phrase of c.text.match(/除[^，。；外]{2,30}外(?=，)|因[^，。；]{2,30}的除外/g) ?? []) {
          if (lang === "zh") expect(text, `${c.ref}: ${phrase}`).toContain(phrase);
        }
      }
      if (exception && f.clauses.some((c) => c.text.includes(exception))) {
        expect(f.exceptions.map((e) => e.zh)).toContain(exception);
        if (lang === "zh") expect(text).toContain(exception);
        else expect(text).toMatch(/Exceptions?: /);
      }
    }
  });

  it("the page, the bot's timeline and its expiry answer cite the same clauses, in the same words", async () => {
    const o = await load();
    const timeline = consequencesReply(o, "zh").text;
    const expiry = expiryReply(o, "zh", { chatHistoryDays: 180 }).text;
    for (const f of o.consequences) {
      const page = presentConsequence(f, "zh", o.today);
      expect(page.clauses.map((c) => c.ref)).toEqual(f.clauses.map((c) => c.ref));
      expect(timeline).toContain(consequenceText(f, "zh", { refs: cite(f.clauses, "zh") }));
      expect(page.text).toBe(consequenceText(f, "zh"));
      if (f.kind === "chat_history" || f.kind === "drive_data") expect(expiry).toContain(consequenceBrief(f, "zh"));
    }
    expect(timeline).not.toMatch(/提前终止/);
  });
});

describe("a mis-tagged clause is never cited", () => {
  it("the reseller contracts' 3.4 (DingTalk updating features, '删除旧功能') backs no drive-data claim; the fact is DingTalk's policy", async () => {
    const doc = withClauses(await seedDocument("reseller-basic.txt"), [FEATURE_UPDATE_CLAUSE]);
    const o = buildOverview({ doc, now: at });
    const drive = o.consequences.find((c) => c.kind === "drive_data")!;
    expect(drive.clauses).toEqual([]);
    expect(drive.basis).toBe("policy");
    expect(presentConsequence(drive, "zh").clauses).toEqual([]);
    expect(consequencesReply(o, "zh").text).not.toContain("3.4");
    expect(expiryReply(o, "zh", { chatHistoryDays: 180 }).text).toContain("超出免费空间的云盘数据可能被清除（合同未载明，依据钉钉公布的数据政策）");
  });

  it.each([
    ["drive_data", "若您选择注销钉钉账号或停止使用服务时，钉钉公司有权对您使用本服务的相关内容及信息以删除等方式进行处理。", false],
    ["drive_data", "如果您方未及时续费该功能，钉钉公司有权清除您方存储在该空间的全部或部分数据且该数据清除不可恢复。", true],
    ["chat_history", "钉钉专业版服务包括自定义工作台专业版、聊天记录云端保存时效延长、云盘空间 1TB 容量等服务。", false],
    ["chat_history", "若服务到期您未及时续费该功能，则钉钉公司有权不再保存延长存储的聊天内容，即仅按基础功能云端存储聊天内容（即日起近180天）。", true],
    ["no_refund", "钉钉专业版开通后，您同意不得以任何理由要求退款，但因钉钉公司原因造成的除外。", true],
    ["no_refund", "退款流程见钉钉帮助中心。", false],
    ["consumables_lapse", "服务到期后钉钉公司服务随即终止，未使用完毕的服务内容，不再有效，不可顺延。", true],
    ["consumables_lapse", "您可自主选择是否开通特定专业版权益及服务。", false],
  ] as const)("%s ← %j: %s", (kind, text, says) => {
    expect(clauseSays(kind, text)).toBe(says);
    expect(CLAIM_TERMS[kind].all.length).toBeGreaterThan(0);
  });

  it.each([
    ["除双方另有约定外，本服务开通后，对于已支付的订购费用，您同意不得以任何理由要求退款。", ["除双方另有约定外"], ["if both parties agreed otherwise"]],
    ["钉钉专业版开通后，您同意不得以任何理由要求退款，但因钉钉公司原因造成的除外。", ["因钉钉公司原因造成的除外"], ["where it is DingTalk's fault"]],
    ["除法律法规另有规定以及不可抗力外，服务到期后钉钉公司服务随即终止。", ["除法律法规另有规定以及不可抗力外"], ["where laws provide otherwise or in force majeure"]],
    ["服务费用一经支付，不予退还。", [], []],
  ])("keeps the exceptions of %j", (text, zh, en) => {
    const found = clauseExceptions({ part: "body", ref: "x", text });
    expect(found.map((e) => e.zh)).toEqual(zh);
    expect(found.map((e) => e.en)).toEqual(en);
  });
});
