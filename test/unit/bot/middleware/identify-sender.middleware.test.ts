import { describe, expect, it } from "vitest";
import { identifySender } from "../../../../src/bot/middleware/identify-sender.middleware.js";
import { botConfig } from "../../../support/bot-fixtures.js";
import { ctxFor, nextSpy } from "./middleware-kit.js";

const online = botConfig({ DINGTALK_CLIENT_ID: "id", DINGTALK_CLIENT_SECRET: "s", STEWARD_ADMIN_USERIDS: "admin1", STEWARD_ADMIN_GROUPS: "cid-admins" });

describe("identifySender middleware", () => {
  it.each([
    ["the payload flag", { senderStaffId: "u9", isAdmin: true }, "payload"],
    ["STEWARD_ADMIN_USERIDS", { senderStaffId: "admin1" }, "allowlist"],
    ["DingTalk's admin list", { senderStaffId: "boss7" }, "directory"],
    ["nothing", { senderStaffId: "u9" }, null],
    ["nothing, from another corp even with isAdmin", { senderStaffId: "boss7", isAdmin: true, senderCorpId: "ding-other" }, null],
    ["nothing, without a userid", { senderStaffId: undefined }, null],
  ] as const)("admin via %s", async (_why, msg, via) => {
    const asked: string[] = [];
    const adminDirectory = { isAdmin: async (id: string) => (asked.push(id), id === "boss7") };
    const { ctx } = ctxFor(msg, { config: online, adminDirectory });
    const next = nextSpy();
    await identifySender()(ctx, next);
    expect(next.called).toBe(1);
    expect(ctx.sender.adminVia).toBe(via);
    expect(ctx.sender.isAdmin).toBe(via !== null);
  });
  it("in demo mode trusts only the allowlist and the payload, never the directory", async () => {
    let asked = 0;
    const { ctx } = ctxFor({ senderStaffId: "boss7" }, { adminDirectory: { isAdmin: async () => (asked++, true) } });
    await identifySender()(ctx, nextSpy());
    expect(ctx.sender.isAdmin).toBe(false);
    expect(asked).toBe(0);
  });
  it.each([
    ["a 1:1 chat", { conversationType: "1", conversationId: "cid-x" }, false, true],
    ["an admin group", { conversationType: "2", conversationId: "cid-admins" }, true, true],
    ["any other group", { conversationType: "2", conversationId: "cid-project" }, true, false],
  ])("marks %s", async (_name, msg, isGroup, privileged) => {
    const { ctx } = ctxFor(msg);
    await identifySender()(ctx, nextSpy());
    expect(ctx.conversation).toEqual({ isGroup, id: msg.conversationId, privileged });
  });
});
