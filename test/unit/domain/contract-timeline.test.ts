import { describe, expect, it } from "vitest";
import {
  chatHistoryFallback, contractTimeline, daysLeft, deadlineDueOn, deadlineState, driveDataRiskOn, latePenaltyFen,
  termEndsOn,
} from "../../../src/domain/contract-timeline.js";
import type { ContractTerms } from "../../../src/domain/contract-timeline.js";
import type { DeadlineTerm } from "../../../src/domain/model.js";
import { codeOf } from "../../support/error-code.js";


const invoiceIn5WorkingDays: DeadlineTerm = {
  within: { value: 5, unit: "working_day" }, from: "payment", latePenaltyRatePerDay: 0.002,
};
const payIn10Days: DeadlineTerm = { within: { value: 10, unit: "day" }, from: "signing" };

/** A synthetic reseller contract: ¥8,820, service from 2023-05-06 for 12 months, paid 2024-03-01. */
const reseller: ContractTerms = {
  startsOn: "2023-05-06", termMonths: 12, signedOn: "2023-04-28", paidOn: "2024-03-01",
  paymentTerm: payIn10Days, invoiceTerm: invoiceIn5WorkingDays, amountFen: 882_000,
};

describe("termEndsOn", () => {
  it.each([
    ["2023-05-06", 12, "2024-05-05"],
    ["2023-05-06", 24, "2025-05-05"],
    ["2023-05-06", 36, "2026-05-05"],
    ["2024-01-01", 12, "2024-12-31"],
    ["2024-03-01", 12, "2025-02-28"],
    ["2023-03-01", 12, "2024-02-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 24, "2026-02-28"],
    ["2024-02-29", 48, "2028-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-12-15", 1, "2025-01-14"],
  ])("%s + %i months ends on %s (inclusive)", (start, months, expected) => {
    expect(termEndsOn(start, months)).toBe(expected);
  });

  it.each([0, -12, 1.5])("rejects termMonths %s", (months) => {
    expect(codeOf(() => termEndsOn("2023-05-06", months))).toBe("invalid_input");
  });
});

describe("deadlineDueOn", () => {
  it.each<[DeadlineTerm["within"], string, string]>([
    [{ value: 10, unit: "day" }, "2024-05-06", "2024-05-16"],
    [{ value: 30, unit: "day" }, "2024-02-01", "2024-03-02"],
    [{ value: 1, unit: "month" }, "2024-01-31", "2024-02-29"],
    [{ value: 1, unit: "month" }, "2024-05-06", "2024-06-06"],
    [{ value: 5, unit: "working_day" }, "2024-03-01", "2024-03-08"],
    [{ value: 5, unit: "working_day" }, "2024-09-27", "2024-10-10"],
    [{ value: 5, unit: "working_day" }, "2024-09-30", "2024-10-12"],
    [{ value: 5, unit: "working_day" }, "2025-01-24", "2025-02-07"],
    [{ value: 0, unit: "working_day" }, "2024-10-01", "2024-10-01"],
  ])("within %j of %s → %s", (within, anchorOn, expected) => {
    expect(deadlineDueOn({ within, from: "payment" }, anchorOn)).toBe(expected);
  });

  it("rejects a negative or fractional count", () => {
    expect(codeOf(() => deadlineDueOn({ within: { value: -1, unit: "day" }, from: "signing" }, "2024-05-06"))).toBe("invalid_input");
    expect(codeOf(() => deadlineDueOn({ within: { value: 2.5, unit: "month" }, from: "signing" }, "2024-05-06"))).toBe("invalid_input");
  });
});

describe("latePenaltyFen", () => {
  it.each([
    [882_000, 0.002, 28, 49_392],
    [882_000, 0.002, 4, 7_056],
    [882_000, 0.002, 0, 0],
    [1, 0.5, 1, 1],
    [3, 0.5, 1, 2],
    [1, 0.0049, 100, 0],
    [980_000, 0.0003, 7, 2_058],
    [100, 0.07, 1, 7],
    [100_000_000_000, 0.001, 365, 36_500_000_000],
    [999_999_999_999, 0.000_000_001, 1, 1_000],
  ])("%i fen × %s × %i days = %i fen", (amount, rate, days, expected) => {
    expect(latePenaltyFen(amount, rate, days)).toBe(expected);
  });

  it("rejects negative or fractional inputs", () => {
    expect(codeOf(() => latePenaltyFen(-1, 0.002, 1))).toBe("invalid_input");
    expect(codeOf(() => latePenaltyFen(100.5, 0.002, 1))).toBe("invalid_input");
    expect(codeOf(() => latePenaltyFen(100, -0.002, 1))).toBe("invalid_input");
    expect(codeOf(() => latePenaltyFen(100, Number.NaN, 1))).toBe("invalid_input");
  });
});

describe("deadlineState", () => {
  it.each([
    ["2024-03-07", null, "pending", 1, 0, 0],
    ["2024-03-08", null, "pending", 0, 0, 0],
    ["2024-03-09", null, "overdue", null, 1, 1_764],
    ["2024-04-05", null, "overdue", null, 28, 49_392],
    ["2024-04-05", "2024-03-08", "met", null, 0, 0],
    ["2024-04-05", "2024-03-12", "met", null, 4, 7_056],
    ["2024-04-05", "2024-03-04", "met", null, 0, 0],
  ])("today %s, met on %s → %s", (today, metOn, status, left, late, penalty) => {
    const s = deadlineState(invoiceIn5WorkingDays, "2024-03-01", metOn, today, 882_000);
    expect(s).toMatchObject({ dueOn: "2024-03-08", status, daysLeft: left, daysLate: late, penaltyFen: penalty, approximate: false });
  });

  it("stays pending with no due date while the anchor is unknown", () => {
    expect(deadlineState(invoiceIn5WorkingDays, null, null, "2024-04-05", 882_000))
      .toMatchObject({ dueOn: null, status: "pending", daysLeft: null, daysLate: 0, penaltyFen: 0 });
  });

  it("has no penalty without a rate or an amount", () => {
    expect(deadlineState(payIn10Days, "2024-05-06", null, "2024-06-01", 882_000).penaltyFen).toBeNull();
    expect(deadlineState(invoiceIn5WorkingDays, "2024-03-01", null, "2024-04-05", null).penaltyFen).toBeNull();
  });

  it("flags working days counted outside the holiday data", () => {
    const s = deadlineState(invoiceIn5WorkingDays, "2026-12-30", null, "2026-12-30", 882_000);
    expect(s).toMatchObject({ dueOn: "2027-01-06", approximate: true });
  });
});

describe("after-expiry dates", () => {
  it.each([
    ["2024-05-05", 180, "2024-05-06", "2023-11-08"],
    ["2025-05-05", 180, "2025-05-06", "2024-11-07"],
    ["2024-02-28", 180, "2024-02-29", "2023-09-02"],
    ["2024-12-31", 30, "2025-01-01", "2024-12-02"],
  ])("ends %s, keeps %i days → falls back %s, earliest visible %s", (endsOn, days, fallbackOn, earliest) => {
    expect(chatHistoryFallback(endsOn, days)).toEqual({ fallbackOn, earliestVisibleOn: earliest });
  });

  it.each([
    ["2024-05-05", 0, "2024-05-06"],
    ["2024-05-05", 30, "2024-06-05"],
    ["2024-02-28", 0, "2024-02-29"],
  ])("drive data of a term ending %s with %i grace days is at risk from %s", (endsOn, grace, expected) => {
    expect(driveDataRiskOn(endsOn, grace)).toBe(expected);
  });

  it.each([
    ["2024-04-05", 30], ["2024-05-05", 0], ["2024-05-06", -1], ["2023-05-06", 365],
  ])("daysLeft on %s is %i", (today, expected) => {
    expect(daysLeft("2024-05-05", today)).toBe(expected);
  });
});

describe("contractTimeline", () => {
  it("derives the reseller example: invoice 28 days late, ¥493.92 penalty, 30 days left", () => {
    const t = contractTimeline(reseller, "2024-04-05");
    expect(t).toMatchObject({
      startsOn: "2023-05-06", endsOn: "2024-05-05", daysLeft: 30,
      chatHistory: { fallbackOn: "2024-05-06", earliestVisibleOn: "2023-11-08" },
      driveDataRiskOn: "2024-05-06", missing: [],
    });
    expect(t.payment).toMatchObject({ anchor: "signing", anchorOn: "2023-04-28", dueOn: "2023-05-08", metOn: "2024-03-01", status: "met", daysLate: 298 });
    expect(t.invoice).toMatchObject({
      anchor: "payment", anchorOn: "2024-03-01", dueOn: "2024-03-08", status: "overdue", daysLate: 28, penaltyFen: 49_392,
    });
  });

  it.each([
    [12, "2024-04-05", "2024-05-05", 30],
    [24, "2024-04-05", "2025-05-05", 395],
    [36, "2024-04-05", "2026-05-05", 760],
    [36, "2026-05-05", "2026-05-05", 0],
    [36, "2026-05-07", "2026-05-05", -2],
  ])("a %i-month term on %s ends %s with %i days left", (termMonths, today, endsOn, left) => {
    const t = contractTimeline({ startsOn: "2023-05-06", termMonths }, today);
    expect(t).toMatchObject({ endsOn, daysLeft: left });
  });

  it("prefers an explicit end date over the term length", () => {
    expect(contractTimeline({ startsOn: "2023-05-06", termMonths: 12, endsOn: "2024-06-30" }, "2024-06-30"))
      .toMatchObject({ endsOn: "2024-06-30", daysLeft: 0, driveDataRiskOn: "2024-07-01" });
  });

  it("applies the options for chat history and drive grace", () => {
    const t = contractTimeline(reseller, "2024-04-05", { chatHistoryDays: 30, driveGraceDays: 15 });
    expect(t.chatHistory).toEqual({ fallbackOn: "2024-05-06", earliestVisibleOn: "2024-04-06" });
    expect(t.driveDataRiskOn).toBe("2024-05-21");
  });

  it("returns nulls and lists what is missing instead of throwing", () => {
    const t = contractTimeline({}, "2024-04-05");
    expect(t).toEqual({
      startsOn: null, endsOn: null, daysLeft: null, payment: null, invoice: null, chatHistory: null,
      driveDataRiskOn: null, missing: ["startsOn", "termMonths", "paymentTerm", "invoiceTerm"],
    });
  });

  it("names the missing anchor date and amount", () => {
    const t = contractTimeline({ startsOn: "2023-05-06", termMonths: 12, paymentTerm: payIn10Days, invoiceTerm: invoiceIn5WorkingDays }, "2024-04-05");
    expect(t.missing).toEqual(["signedOn", "paidOn", "amountFen"]);
    expect(t.payment).toMatchObject({ dueOn: null, status: "pending" });
    expect(t.invoice).toMatchObject({ dueOn: null, status: "pending", penaltyFen: null });
  });

  it("counts an invoice deadline from the request across National Day 2024", () => {
    const terms: ContractTerms = {
      ...reseller, invoiceRequestedOn: "2024-09-27",
      invoiceTerm: { within: { value: 5, unit: "working_day" }, from: "request", latePenaltyRatePerDay: 0.001 },
    };
    expect(contractTimeline(terms, "2024-10-10").invoice).toMatchObject({ dueOn: "2024-10-10", status: "pending", daysLeft: 0 });
    expect(contractTimeline(terms, "2024-10-12").invoice).toMatchObject({ status: "overdue", daysLate: 2, penaltyFen: 1_764 });
  });

  it("counts a payment deadline in months from the start", () => {
    const terms: ContractTerms = { startsOn: "2024-01-31", termMonths: 24, paymentTerm: { within: { value: 1, unit: "month" }, from: "start" } };
    expect(contractTimeline(terms, "2024-03-01").payment).toMatchObject({ dueOn: "2024-02-29", status: "overdue", daysLate: 1 });
  });

  it.each<[ContractTerms, string]>([
    [{ startsOn: "2024-05-06", endsOn: "2024-05-05" }, "end before start"],
    [{ startsOn: "2024-02-30", termMonths: 12 }, "impossible date"],
    [{ startsOn: "2024-05-06", termMonths: 0 }, "zero-month term"],
    [{ ...reseller, amountFen: -5 }, "negative amount"],
    [{ ...reseller, paidOn: "2024/03/01" }, "malformed anchor"],
  ])("throws invalid_input for %j (%s)", (terms) => {
    expect(codeOf(() => contractTimeline(terms, "2024-04-05"))).toBe("invalid_input");
  });

  it("rejects a malformed today", () => {
    expect(codeOf(() => contractTimeline(reseller, "today"))).toBe("invalid_input");
  });
});
