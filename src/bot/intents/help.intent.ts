import type { Intent } from "../bot-context.js";
import { hasWord } from "../fuzzy.js";
import { helpReply } from "../replies/system.reply.js";
import { compact } from "../text-normalize.js";

const HELP_ZH = /帮助|怎么用|如何使用|使用说明|使用方法|用法|能做什么|能干什么|能干嘛|可以做什么|可以干什么|你会什么|功能列表|功能菜单|菜单|指令|命令|说明书/;
const WHOLE = /^(你好|您好|hi|hello|hey|在吗|在不在|嗨|哈喽|help|menu|你是谁|(你)?有(什么|哪些)功能)$/;

/** 「帮助」「你能做什么」「help」, an empty message, or emoji only: the full help. Open to everyone. */
export const helpIntent: Intent<Record<string, never>> = {
  name: "help",
  examples: { zh: ["帮助", "你能做什么", "怎么用"], en: ["help", "what can you do"] },
  adminOnly: false,
  match(text) {
    const c = compact(text);
    if (c === "" || WHOLE.test(c) || HELP_ZH.test(c)) return {};
    if (hasWord(text, ["help", "commands"]) || /what can you do|how (do i|to) use (you|this)/.test(text)) return {};
    return null;
  },
  async handle(ctx) {
    await ctx.reply(helpReply(ctx.lang, ctx.sender.isAdmin));
  },
};
