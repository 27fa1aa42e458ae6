/**
 * Table tests of the page's DOM-free logic (run in Node, no browser): language choice, translation, money and
 * date formatting, amount validation and which quotas the usage form offers.
 */
import { describe, expect, it } from "vitest";
import { businessDate, daysBetween, formatInstant, formatMoney, formatRate } from "../../mini-app/src/format.js";
import { enumLabel, pickLang, translator, unitLabel } from "../../mini-app/src/i18n.js";
import { checkAmount, recordKind } from "../../mini-app/src/input-check.js";

describe("pickLang", () => {
  it.each([
    [null, null, "zh-CN", "zh"],
    [null, null, "en-US", "en"],
    [null, "en-US", "zh-CN", "en"],
    [null, "zh-CN", "en-US", "zh"],
    ["en", "zh-CN", "zh-CN", "en"],
    ["zh", "en-US", "en-US", "zh"],
    [null, null, "ja-JP", "zh"],
    [null, null, undefined, "zh"],
  ] as const)("query %j, container %j, browser %j → %s", (query, container, browser, want) => {
    expect(pickLang(query, container, browser)).toBe(want);
  });
});

describe("translator and labels", () => {
  it("fills placeholders once, leaving unknown ones and not re-expanding substituted text", () => {
    const t = translator("zh");
    expect(t("daysLeft", { n: 30 })).toBe("还剩 30 天");
    expect(t("recordedNote", { note: "{n} <b>x</b>" })).toBe("备注：{n} <b>x</b>");
    expect(t("daysLeft")).toBe("还剩 {n} 天");
    expect(translator("en")("daysLeft", { n: 1 })).toBe("1 day left");
    expect(translator("en")("overdueDays", { n: 28 })).toBe("28 days overdue");
  });

  it.each([
    ["zh", "status", "active", "服务中"],
    ["en", "status", "active", "Active"],
    ["zh", "channel", "robot", "机器人单聊"],
    ["zh", "channel", "sms", "sms"],
    ["en", "invoice", "overdue", "Invoice late"],
  ] as const)("enumLabel(%s, %s, %s) = %s", (lang, prefix, value, want) => {
    expect(enumLabel(lang, prefix, value)).toBe(want);
  });

  it("labels units as a fallback (the server names quotas), and says raw for unknown ones", () => {
    expect(unitLabel("zh", "minute")).toBe("分钟");
    expect(unitLabel("en", "flow")).toBe("runs");
    expect(unitLabel("en", "furlong")).toBe("furlong");
  });
});

describe("format", () => {
  it.each([
    [980000, "¥9,800.00"],
    [54880, "¥548.80"],
    [5, "¥0.05"],
    [0, "¥0.00"],
    [-12345, "-¥123.45"],
    [123456789, "¥1,234,567.89"],
  ])("formatMoney(%i) = %s", (fen, want) => {
    expect(formatMoney("zh", fen)).toBe(want);
  });

  it("formats rates, instants in Asia/Shanghai, business dates and day differences", () => {
    expect(formatRate("zh", 0.002)).toBe("0.2%");
    expect(formatInstant("2024-03-31T01:00:00.000Z")).toBe("2024-03-31 09:00");
    expect(formatInstant("2024-03-31T16:30:00Z")).toBe("2024-04-01 00:30");
    expect(formatInstant("not a date")).toBe("not a date");
    expect(businessDate(new Date("2024-04-04T16:00:00Z"))).toBe("2024-04-05");
    expect(daysBetween("2024-04-05", "2024-05-05")).toBe(30);
    expect(daysBetween("2024-04-05", "2024-03-08")).toBe(-28);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });
});

describe("checkAmount", () => {
  it.each([
    ["90", "delta", { ok: true, value: 90 }],
    [" 12.5 ", "delta", { ok: true, value: 12.5 }],
    ["1,240", "reading", { ok: true, value: 1240 }],
    ["９０", "delta", { ok: true, value: 90 }],
    ["0", "reading", { ok: true, value: 0 }],
    ["", "delta", { ok: false, error: "errEmpty" }],
    ["   ", "delta", { ok: false, error: "errEmpty" }],
    ["abc", "delta", { ok: false, error: "errNaN" }],
    ["NaN", "delta", { ok: false, error: "errNaN" }],
    ["Infinity", "delta", { ok: false, error: "errNaN" }],
    ["1e3", "delta", { ok: false, error: "errNaN" }],
    ["12abc", "delta", { ok: false, error: "errNaN" }],
    ["-5", "delta", { ok: false, error: "errNegative" }],
    ["－5", "reading", { ok: false, error: "errNegative" }],
    ["0", "delta", { ok: false, error: "errZero" }],
  ] as const)("%j as %s", (raw, kind, want) => {
    expect(checkAmount(raw, kind)).toEqual(want);
  });
});

describe("recordKind", () => {
  it.each([
    [{ period: "year", unit: "minute" }, "delta"],
    [{ period: "month", unit: "call" }, "delta"],
    [{ period: "term", unit: "use" }, "delta"],
    [{ period: "none", unit: "gb" }, "reading"],
    [{ period: "none", unit: "meeting" }, null],
    [{ period: "year", unit: "message", recordAs: null }, null],
    [{ period: "none", unit: "person", recordAs: "reading" }, "reading"],
  ] as const)("%j → %s", (quota, want) => {
    expect(recordKind(quota)).toBe(want);
  });
});
