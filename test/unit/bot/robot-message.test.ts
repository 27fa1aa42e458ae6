import { describe, expect, it } from "vitest";
import { parseRobotMessage } from "../../../src/bot/robot-message.js";

describe("parseRobotMessage", () => {
  const base = { msgId: "msg1", conversationId: "cid1", conversationType: "1", msgtype: "text", text: { content: "hi" } };
  it.each([
    ["a 1:1 text message", JSON.stringify(base), { msgId: "msg1", conversationType: "1" }],
    ["a numeric conversationType", JSON.stringify({ ...base, conversationType: 2 }), { conversationType: "2" }],
    ["a picture without text", JSON.stringify({ ...base, msgtype: "picture", text: undefined, content: { downloadCode: "x" } }), { msgtype: "picture" }],
    ["unknown extra fields", JSON.stringify({ ...base, senderPlatform: "Win" }), { senderPlatform: "Win" }],
  ])("accepts %s", (_name, data, expected) => {
    expect(parseRobotMessage(data)).toMatchObject(expected);
  });

  it.each([
    ["not JSON", "{oops"],
    ["no msgId", JSON.stringify({ ...base, msgId: undefined })],
    ["no conversationId", JSON.stringify({ ...base, conversationId: "" })],
    ["an object instead of a string", { ...base }],
  ])("rejects %s", (_name, data) => {
    expect(parseRobotMessage(data)).toBeNull();
  });
});
