import { describe, expect, it } from "vitest";
import { messageText, textOnly } from "../../../../src/bot/middleware/text-only.middleware.js";
import { robotMessage } from "../../../support/bot-fixtures.js";
import { ctxFor, nextSpy } from "./middleware-kit.js";

describe("textOnly middleware", () => {
  it.each([
    ["picture", { msgtype: "picture", text: undefined, content: { downloadCode: "x", pictureDownloadCode: "y" } }],
    ["file", { msgtype: "file", text: undefined, content: { spaceId: "1", fileName: "a.pdf", downloadCode: "x", fileId: "2" } }],
    ["audio", { msgtype: "audio", text: undefined, content: { duration: 3, downloadCode: "x", recognition: "到期" } }],
    ["video", { msgtype: "video", text: undefined, content: { duration: 3, videoType: "mp4", downloadCode: "x" } }],
    ["richText without text", { msgtype: "richText", text: undefined, content: { richText: [{ type: "picture", downloadCode: "x" }] } }],
    ["unknownMsgType", { msgtype: "unknownMsgType", text: undefined }],
  ])("answers a %s message with the polite text-only reply and stops", async (_name, msg) => {
    const { ctx, replies } = ctxFor(msg as never);
    const next = nextSpy();
    await textOnly()(ctx, next);
    expect(next.called).toBe(0);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain("目前只支持文字消息");
  });
  it("reads the text parts of a richText message", async () => {
    expect(messageText(robotMessage({ msgtype: "richText", text: undefined, content: { richText: [{ text: "DING" }, { type: "picture" }, { text: "还剩多少" }] } } as never))).toBe("DING还剩多少");
  });
  it("sets rawText (clean), text (normalized) and lang, then continues", async () => {
    const { ctx } = ctxFor({ text: { content: " @钉钉管家 When does Pro EXPIRE？" } });
    const next = nextSpy();
    await textOnly()(ctx, next);
    expect(next.called).toBe(1);
    expect(ctx.rawText).toBe("When does Pro EXPIRE?");
    expect(ctx.text).toBe("when does pro expire?");
    expect(ctx.lang).toBe("en");
  });
  it("continues with an empty text for an @mention only or a payload without text (help answers)", async () => {
    for (const msg of [{ text: { content: "@钉钉管家" } }, { text: undefined }]) {
      const { ctx } = ctxFor(msg);
      const next = nextSpy();
      await textOnly()(ctx, next);
      expect(next.called).toBe(1);
      expect(ctx.text).toBe("");
    }
  });
  it("drops, without a reply, a payload DingTalk emptied with errorMessage", async () => {
    const { ctx, replies } = ctxFor({ text: undefined, errorMessage: "20001" } as never);
    const next = nextSpy();
    await textOnly()(ctx, next);
    expect(next.called).toBe(0);
    expect(replies).toEqual([]);
  });
  it("bounds a 10,000+ character message", async () => {
    const { ctx } = ctxFor({ text: { content: "长".repeat(20_000) } });
    await textOnly()(ctx, nextSpy());
    expect(ctx.rawText).toHaveLength(10_000);
    expect(ctx.text).toHaveLength(500);
  });
});
