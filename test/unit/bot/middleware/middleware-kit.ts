import type { BotContext, PipelineDeps } from "../../../../src/bot/bot-context.js";
import type { RobotMessage } from "../../../../src/bot/robot-message.js";
import { createBotContext } from "../../../../src/bot/pipeline.js";
import type { Logger } from "../../../../src/lib/logger.js";
import { fakeDeps, robotMessage } from "../../../support/bot-fixtures.js";

/** A logger that records (level, message) pairs. */
export function spyLogger(): Logger & { lines: [string, string][] } {
  const lines: [string, string][] = [];
  const at = (level: string) => (_obj: unknown, msg?: string) => void lines.push([level, typeof _obj === "string" ? _obj : (msg ?? "")]);
  return { lines, trace: at("trace"), debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), fatal: at("fatal") } as unknown as Logger & { lines: [string, string][] };
}

/** A context for one middleware under test, with recorded replies. */
export function ctxFor(message: Partial<RobotMessage> & { content?: unknown } = {}, over: Partial<PipelineDeps> = {}, claimed = false) {
  const deps = fakeDeps(over);
  const ctx = createBotContext(robotMessage(message), deps, { claimed });
  return { ctx, deps, replies: deps.replier.replies };
}

/** A `next` that records that it ran. */
export function nextSpy(): (() => Promise<void>) & { called: number } {
  const f = Object.assign(async () => void f.called++, { called: 0 });
  return f;
}

/** Sets the fields the earlier steps would have set. */
export function prepared(ctx: BotContext, text: string, sender: Partial<BotContext["sender"]> = {}, conversation: Partial<BotContext["conversation"]> = {}): BotContext {
  ctx.rawText = text;
  ctx.text = text;
  ctx.sender = { ...ctx.sender, ...sender };
  ctx.conversation = { ...ctx.conversation, ...conversation };
  return ctx;
}
