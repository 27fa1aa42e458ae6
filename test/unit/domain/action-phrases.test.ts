import { describe, expect, it } from "vitest";
import { routeText } from "../../../src/bot/intents/index.js";
import { normalizeText } from "../../../src/bot/text-normalize.js";
import { ACTION_PHRASES, actionLinksLine, actionsForKinds, dtmdLink, type ChatAction } from "../../../src/domain/action-phrases.js";
import { renderDigest } from "../../../src/services/reminder-text.js";

const ROUTE: Record<ChatAction, [string, unknown]> = {
  undo_renewal: ["renewal.undo", {}],
  renewed: ["renewal", { declaration: "renewed" }],
  snooze_7d: ["reminders", { action: "snooze", days: 7 }],
  acknowledged: ["reminders", { action: "acknowledge" }],
  view_contract: ["contract", { focus: "all" }],
  record_usage: ["usage.prompt", {}],
  reminder_list: ["reminders", { action: "list" }],
};

describe("one-tap action phrases", () => {
  it.each(Object.entries(ACTION_PHRASES))("%s is understood by the bot's own intent in both languages", (action, phrases) => {
    for (const text of [phrases.zh, phrases.en]) {
      const r = routeText(normalizeText(text));
      expect([r.intent.name, r.params]).toEqual(ROUTE[action as ChatAction]);
    }
  });

  it("builds dtmd links with the text url-encoded", () => {
    expect(dtmdLink("7天后提醒")).toBe("dtmd://dingtalkclient/sendMessage?content=7%E5%A4%A9%E5%90%8E%E6%8F%90%E9%86%92");
    expect(dtmdLink("a&b c")).toBe("dtmd://dingtalkclient/sendMessage?content=a%26b%20c");
    expect(actionLinksLine(["acknowledged"], "en")).toBe("[acknowledge](dtmd://dingtalkclient/sendMessage?content=acknowledge)");
  });

  it("offers 录入用量 for threshold notices, 已续费 only where renewal is at stake", () => {
    expect(actionsForKinds(["renewal"])).toEqual(["renewed", "snooze_7d", "acknowledged", "view_contract"]);
    expect(actionsForKinds(["quota_threshold"])).toEqual(["snooze_7d", "acknowledged", "record_usage", "view_contract"]);
    expect(actionsForKinds(["invoice_deadline", "quota_threshold"])).not.toContain("renewed");
    expect(actionsForKinds(["unknown_kind"])).toEqual(["view_contract"]);
  });

  it("a digest carries the links only when asked (1:1), and keeps the page button", () => {
    const n = { kind: "quota_threshold", facts: { orgName: "示例", contractId: 1, metric: "ding.messages", label: "DING", used: 800, limit: 1000, unit: "message", percent: 80, level: 80, window: null } };
    const withLinks = renderDigest([n], { publicUrl: "https://steward.example", actionCard: true, maxItemsPerMessage: 5, actionLinks: true });
    expect(withLinks[0]!.message.msgKey).toBe("sampleActionCard");
    expect(JSON.stringify(withLinks[0]!.message.msgParam)).toContain("[录入用量](dtmd://dingtalkclient/sendMessage?content=%E5%BD%95%E5%85%A5%E7%94%A8%E9%87%8F)");
    const plain = renderDigest([n], { publicUrl: null, actionCard: false, maxItemsPerMessage: 5 });
    expect(JSON.stringify(plain[0]!.message.msgParam)).not.toContain("dtmd://");
  });
});
