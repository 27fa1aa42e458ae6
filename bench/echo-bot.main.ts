/**
 * The bot benchmark's baseline in its own process: a bare `dingtalk-stream` client (our thin gateway wrapper, no
 * supervisor, no database) that ACKs each robot message and echoes its text through the session webhook.
 * Reads DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET / DINGTALK_API_BASE from the environment.
 */
import { TOPIC_ROBOT } from "dingtalk-stream";
import { GatewayDWClient } from "../src/bot/gateway-dw-client.js";

const base = process.env.DINGTALK_API_BASE ?? "";
const noop = { onFrame: () => undefined, onServerDisconnect: () => undefined, onMalformedFrame: () => undefined };
const client = new GatewayDWClient({
  clientId: process.env.DINGTALK_CLIENT_ID ?? "", clientSecret: process.env.DINGTALK_CLIENT_SECRET ?? "",
  gatewayUrl: `${base}/v1.0/gateway/connections/open`, requestTimeoutMs: 5000,
}, noop);
client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
  client.socketCallBackResponse(frame.headers.messageId, null);
  const m = JSON.parse(frame.data) as { sessionWebhook: string; text?: { content: string } };
  void fetch(m.sessionWebhook, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ msgtype: "markdown", markdown: { title: "echo", text: m.text?.content ?? "" } }),
  });
});
await client.getEndpoint();
await client._connect();
process.on("SIGTERM", () => {
  client.dispose();
  process.exit(0);
});
