import { AppError } from "../lib/app-error.js";
import type { Clock } from "../lib/clock.js";

/** A markdown reply; `atUserIds` are @-mentioned (their `@userid` should also appear in `text`). */
export interface MarkdownReply {
  title: string;
  text: string;
  atUserIds?: string[];
}

/** Dependencies of {@link replyViaSessionWebhook}. */
export interface SessionWebhookDeps {
  clock: Clock;
  /** Origins a webhook may point to (SSRF guard), e.g. ["https://oapi.dingtalk.com", DINGTALK_OAPI_BASE]. */
  allowedOrigins: string[];
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Treat the webhook as expired this long before its stated expiry (default 10 s). */
  expirySkewMs?: number;
}

/**
 * Replies in the conversation through the callback's `sessionWebhook` (no token, no API quota). Returns false when
 * the webhook has expired (by `expiresAt` or by DingTalk's answer) so the caller can fall back to a robot 1:1 send;
 * throws AppError for a foreign host, network failure or any other DingTalk error.
 */
export async function replyViaSessionWebhook(
  webhook: string,
  expiresAt: number | Date,
  markdown: MarkdownReply,
  deps: SessionWebhookDeps,
): Promise<boolean> {
  const expiry = typeof expiresAt === "number" ? expiresAt : expiresAt.getTime();
  if (!Number.isFinite(expiry) || deps.clock.now().getTime() >= expiry - (deps.expirySkewMs ?? 10_000)) return false;
  let url: URL;
  try {
    url = new URL(webhook);
  } catch {
    throw new AppError("invalid_input", "The sessionWebhook is not a URL; reply through the robot 1:1 API instead.");
  }
  const allowed = deps.allowedOrigins.map((o) => new URL(o).origin);
  if (!allowed.includes(url.origin) || url.pathname !== "/robot/sendBySession") {
    throw new AppError("invalid_input", `Refusing to post a reply to ${url.origin}: not an allowed DingTalk session webhook origin.`);
  }
  const body = {
    msgtype: "markdown",
    markdown: { title: markdown.title, text: markdown.text },
    ...(markdown.atUserIds?.length ? { at: { atUserIds: markdown.atUserIds, isAtAll: false } } : {}),
  };
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
  } catch (e) {
    throw new AppError("dingtalk_unavailable", `The session webhook did not answer (${(e as Error).name}); retry or send 1:1.`);
  }
  const answer = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
  if (res.ok && answer?.errcode === 0) return true;
  if (isExpiredAnswer(res.status, answer)) return false;
  throw new AppError(
    res.status >= 500 ? "dingtalk_unavailable" : "dingtalk_error",
    `The session webhook refused the reply (HTTP ${res.status}, errcode ${answer?.errcode ?? "?"}: ${answer?.errmsg ?? ""}).`,
    { status: res.status, dingtalkCode: answer?.errcode },
  );
}

/** DingTalk does not document the expired-session errcode; treat 404/410 and "session/expired" messages as expiry. */
function isExpiredAnswer(status: number, answer: { errcode?: number; errmsg?: string } | null): boolean {
  if (status === 404 || status === 410) return true;
  return /session|expire|过期|不存在/i.test(answer?.errmsg ?? "");
}
