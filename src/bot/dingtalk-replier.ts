import { replyViaSessionWebhook } from "../dingtalk/session-webhook.js";
import { robotMsg, type RobotMsg } from "../dingtalk/robot-messages.js";
import { AppError, isAppError } from "../lib/app-error.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { BotReply, Replier } from "./bot-context.js";
import type { RobotMessage } from "./robot-message.js";

/** Robot sends used when the session webhook has expired (the reminder Messenger or the OpenAPI client fit). */
export interface ReplyFallback {
  sendToUsers(userIds: string[], msg: RobotMsg): Promise<unknown>;
  sendToGroup(openConversationId: string, msg: RobotMsg): Promise<unknown>;
}

/** Options of {@link createDingTalkReplier}. */
export interface DingTalkReplierOptions {
  clock: Clock;
  log: Logger;
  /** Origins a session webhook may point to (SSRF guard): DingTalk's oapi host and DINGTALK_OAPI_BASE. */
  allowedOrigins: string[];
  fallback: ReplyFallback;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Replies as DingTalk markdown through the message's `sessionWebhook` (no token, no API quota). When the webhook
 * has expired, or points somewhere that is not DingTalk, it falls back to a robot send: to the group by its
 * conversation id, or 1:1 to the sender.
 */
export function createDingTalkReplier(o: DingTalkReplierOptions): Replier {
  const webhookDeps = { clock: o.clock, allowedOrigins: o.allowedOrigins, fetch: o.fetch, timeoutMs: o.timeoutMs };
  return {
    async send(message: RobotMessage, reply: BotReply): Promise<void> {
      if (message.sessionWebhook && message.sessionWebhookExpiredTime !== undefined) {
        try {
          if (await replyViaSessionWebhook(message.sessionWebhook, message.sessionWebhookExpiredTime, reply, webhookDeps)) return;
        } catch (err) {
          if (!(isAppError(err) && err.code === "invalid_input")) throw err;
          o.log.warn({ msgId: message.msgId, err: err.message }, "bot: unusable session webhook, replying through the robot API");
        }
      }
      const msg = robotMsg.markdown(reply.title, reply.text);
      if (message.conversationType === "2") {
        await o.fallback.sendToGroup(message.conversationId, msg);
        return;
      }
      if (!message.senderStaffId) {
        throw new AppError("dingtalk_error", "Cannot reply: the session webhook expired and the sender has no userid for a 1:1 send.");
      }
      await o.fallback.sendToUsers([message.senderStaffId], msg);
    },
  };
}
