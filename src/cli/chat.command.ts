import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import type { Replier } from "../bot/bot-context.js";
import type { RobotMessage } from "../bot/robot-message.js";
import type { CliContext } from "./cli-context.js";

/** Where the chat reads from; `interactive` shows a prompt (a TTY), otherwise each line is answered as a transcript. */
export interface ChatIo {
  input: NodeJS.ReadableStream;
  interactive: boolean;
}

/** Options of `steward chat`. */
interface ChatOptions {
  user: string;
  name?: string;
  admin?: boolean;
  group?: string;
}

const EXIT = /^(exit|quit|:q|退出|再见)$/i;

/** A replier that prints each reply's markdown. */
export function printReplier(out: (line: string) => void): Replier {
  return {
    async send(_message, reply) {
      out(reply.text);
    },
  };
}

/** A synthetic robot message as DingTalk would deliver it for `text`. */
export function chatMessage(text: string, o: ChatOptions, corpId: string): RobotMessage {
  const group = Boolean(o.group);
  return {
    msgId: `cli-${randomUUID()}`, conversationId: o.group ?? `cli-1to1-${o.user}`, conversationType: group ? "2" : "1",
    msgtype: "text", text: { content: text }, senderStaffId: o.user, senderNick: o.name ?? o.user, senderCorpId: corpId,
    chatbotCorpId: corpId, ...(o.admin ? { isAdmin: true } : {}), createAt: Date.now(),
  };
}

/**
 * `chat [--user ID] [--admin] [--group CONVERSATION_ID]`: the bot's pipeline without DingTalk. Reads questions from
 * stdin (a prompt on a terminal; line by line when piped) and prints the markdown replies.
 */
export function registerChatCommand(program: Command, ctx: CliContext, io: () => ChatIo = () => ({ input: process.stdin, interactive: Boolean(process.stdin.isTTY) })): void {
  program
    .command("chat")
    .description("Ask the bot questions offline: the same pipeline as in DingTalk, replies printed here")
    .option("--user <id>", "the sender's DingTalk userid", "cli-user")
    .option("--name <nick>", "the sender's display name")
    .option("--admin", "treat the sender as an org admin (else STEWARD_ADMIN_USERIDS decides)")
    .option("--group <conversationId>", "ask as if in this group chat (money is shown only in STEWARD_ADMIN_GROUPS)")
    .action(async (opts: ChatOptions) => {
      const config = ctx.config();
      const [services, { createPipeline }] = await Promise.all([ctx.services(), import("../bot/pipeline.js")]);
      const seen = new Set<string>();
      const pipeline = createPipeline({
        services, config, clock: ctx.clock, log: ctx.log(), replier: printReplier(ctx.out), searchClauses: services.searchClauses,
        claimMessage: async (id) => !seen.has(id) && Boolean(seen.add(id)),
      });
      const { input, interactive } = io();
      const corpId = config.dingtalk?.corpId ?? "local";
      const rl = createInterface({ input, terminal: false });
      if (interactive) {
        const admin = opts.admin || config.admins.userIds.includes(opts.user);
        ctx.out(`钉钉专业版管家 · offline chat as ${opts.user}${admin ? " (admin)" : " (not an admin: add --admin)"}${opts.group ? ` in group ${opts.group}` : ""}. 「帮助」 for help, 「退出」 to quit.`);
        process.stdout.write("你> ");
      }
      for await (const line of rl) {
        const text = line.trim();
        if (EXIT.test(text)) break;
        if (!interactive) {
          if (text === "") continue;
          ctx.out(`你> ${text}`);
        }
        if (text !== "") await pipeline(chatMessage(text, opts, corpId));
        ctx.out("");
        if (interactive) process.stdout.write("你> ");
      }
      rl.close();
    });
}
