import { describe, expect, it } from "vitest";
import { byApiNote, parseByApiNote } from "../../../src/services/api-meter.service.js";

describe("the per-API breakdown in an api.calls ledger note", () => {
  it("round-trips the counts, busiest API first", () => {
    const note = byApiNote({ "oapi.user.get": 2, "robot.batchSend": 5 });
    expect(note).toBe('by API {"robot.batchSend":5,"oapi.user.get":2}');
    expect(parseByApiNote(note)).toEqual({ "robot.batchSend": 5, "oapi.user.get": 2 });
  });

  it("stays within the ledger's 500 characters by merging the smallest counts into other", () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`api.with.a.long.name.${i}`, i + 1]));
    const note = byApiNote(many);
    expect(note.length).toBeLessThanOrEqual(500);
    const parsed = parseByApiNote(note)!;
    expect(Object.values(parsed).reduce((a, b) => a + b, 0)).toBe(Object.values(many).reduce((a, b) => a + b, 0));
    expect(parsed.other).toBeGreaterThan(0);
    expect(parsed["api.with.a.long.name.39"]).toBe(40);
  });

  it.each([null, "", "reminder DING: renewal T-0", "by API not json", "by API [1,2]", 'by API {"a":-1,"b":"x"}'])("reads no breakdown from %j", (note) => {
    const parsed = parseByApiNote(note);
    expect(parsed === null || Object.keys(parsed).length === 0).toBe(true);
  });
});
