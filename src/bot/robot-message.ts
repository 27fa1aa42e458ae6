import { z } from "zod";

const str = z.string();
const optStr = z.string().optional();

/**
 * A robot callback's `data` (topic `/v1.0/im/bot/messages/get`), validated at the socket boundary. Only the fields the
 * steward relies on are required; unknown fields pass through. See the protocol reference §B1.
 */
export const RobotMessageSchema = z
  .object({
    msgId: str.min(1),
    conversationId: str.min(1),
    /** "1" = 1:1 chat with the robot, "2" = group. */
    conversationType: z.union([str, z.number()]).transform(String),
    conversationTitle: optStr,
    msgtype: str,
    text: z.object({ content: z.string() }).optional(),
    content: z.unknown().optional(),
    senderId: optStr,
    senderNick: optStr,
    /** The sender's userid in the org; missing for external users. */
    senderStaffId: optStr,
    senderCorpId: optStr,
    senderUnionId: optStr,
    isAdmin: z.boolean().optional(),
    chatbotCorpId: optStr,
    chatbotUserId: optStr,
    robotCode: optStr,
    createAt: z.number().optional(),
    sessionWebhook: optStr,
    sessionWebhookExpiredTime: z.number().optional(),
    atUsers: z.array(z.object({ dingtalkId: optStr, staffId: optStr }).passthrough()).optional(),
    isInAtList: z.boolean().optional(),
  })
  .passthrough();

/** A parsed robot message. */
export type RobotMessage = z.infer<typeof RobotMessageSchema>;

/** Transport facts about one delivery, for logs and tracing. */
export interface RobotMessageMeta {
  /** Stream frame id (`headers.messageId`); differs between deliveries of the same message. */
  messageId: string;
  /** When the frame arrived (epoch ms, from the client's timers). */
  receivedAt: number;
}

/** Parses a frame's `data` string; null when it is not a robot message we can handle. */
export function parseRobotMessage(data: unknown): RobotMessage | null {
  if (typeof data !== "string") return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const r = RobotMessageSchema.safeParse(json);
  return r.success ? r.data : null;
}
