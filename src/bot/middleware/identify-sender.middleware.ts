import type { BotContext, Sender } from "../bot-context.js";
import type { Middleware } from "../compose.js";

/**
 * Works out who wrote and where: the sender's userid (`senderStaffId`), whether they are an org admin (the payload's
 * `isAdmin`, STEWARD_ADMIN_USERIDS, or DingTalk's cached admin list — the last one not in demo mode), and whether the
 * conversation may see money (1:1 chats, and groups listed in STEWARD_ADMIN_GROUPS). Senders from another corp are
 * never admins.
 */
export function identifySender(): Middleware<BotContext> {
  return async function identifySender(ctx, next) {
    const m = ctx.message;
    const { config, adminDirectory } = ctx.deps;
    const staffId = m.senderStaffId?.trim() || null;
    const external = Boolean(m.senderCorpId && m.chatbotCorpId && m.senderCorpId !== m.chatbotCorpId);
    let adminVia: Sender["adminVia"] = null;
    if (!external) {
      if (m.isAdmin === true) adminVia = "payload";
      else if (staffId && config.admins.userIds.includes(staffId)) adminVia = "allowlist";
      else if (staffId && !config.demo && adminDirectory && (await adminDirectory.isAdmin(staffId))) adminVia = "directory";
    }
    ctx.sender = { staffId, nick: m.senderNick?.trim() || null, isAdmin: adminVia !== null, adminVia };
    const isGroup = m.conversationType === "2";
    ctx.conversation = { isGroup, id: m.conversationId, privileged: !isGroup || config.admins.groups.includes(m.conversationId) };
    await next();
  };
}
