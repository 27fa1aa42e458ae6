/**
 * `npm run fake-dingtalk [-- --port 4010]`: runs the fake DingTalk for local development, prints the environment
 * variables that point the steward at it, and turns stdin lines into robot messages. Replies and robot sends that
 * reach the fake are printed as they arrive.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { FakeDingTalk } from "./fake-dingtalk.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    "redelivery-ms": { type: "string", default: "60000" },
    "ping-ms": { type: "string", default: "30000" },
  },
});

const fake = await FakeDingTalk.start({
  port: Number(values.port),
  gateway: { redeliveryDelayMs: Number(values["redelivery-ms"]), pingIntervalMs: Number(values["ping-ms"]) },
});
fake.addUser({ userid: "admin01", name: "管理员甲", sysLevel: 1 });
fake.addUser({ userid: "admin02", name: "管理员乙", sysLevel: 2 });
fake.addUser({ userid: "staff01", name: "员工丙", sysLevel: 0 });

const env = Object.entries(fake.env()).map(([k, v]) => `export ${k}=${v}`);
process.stdout.write(
  [
    `Fake DingTalk listening on ${fake.baseUrl} (Stream gateway, OpenAPI, oapi, session webhooks).`,
    "Point the steward at it (same shell, then `npm run dev`):",
    ...env.map((l) => `  ${l}`),
    "Directory: admin01 (super admin), admin02 (sub admin), staff01.",
    'Type a line to send it to the robot as admin01 in a 1:1 chat. Commands: "/as <userid> <text>", "/group <text>",',
    '"/code <userid>" (free-login code for the mini-app), "/disconnect" (SYSTEM/disconnect every connection), "/quit".',
    "",
  ].join("\n"),
);

let seenReplies = 0;
let seenSent = 0;
let seenConnections = 0;
fake.core.on("change", () => {
  for (; seenReplies < fake.replies.length; seenReplies++) {
    const r = fake.replies[seenReplies];
    process.stdout.write(`← reply to ${r.inReplyTo}: ${JSON.stringify(r.body)}\n`);
  }
  for (; seenSent < fake.sent.length; seenSent++) {
    const s = fake.sent[seenSent];
    process.stdout.write(`← ${s.api} to ${s.openConversationId ?? s.userIds.join(",")}: ${JSON.stringify(s.msgParam ?? s.content)}\n`);
  }
  for (; seenConnections < fake.connections.length; seenConnections++) {
    process.stdout.write(`· stream connection ${fake.connections[seenConnections].id} opened\n`);
  }
});

const rl = createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const text = line.trim();
  if (!text) return;
  if (text === "/quit") return void shutdown();
  if (text === "/disconnect") {
    fake.openConnections().forEach((c) => fake.disconnect(c.id));
    return;
  }
  const code = /^\/code\s+(\S+)/.exec(text);
  if (code) return void process.stdout.write(`code for ${code[1]}: ${fake.issueAuthCode(code[1])}\n`);
  const as = /^\/as\s+(\S+)\s+(.+)$/.exec(text);
  const group = /^\/group\s+(.+)$/.exec(text);
  const userid = as?.[1] ?? "admin01";
  const user = fake.core.users.get(userid);
  const msgId = fake.pushRobotMessage({
    text: as?.[2] ?? group?.[1] ?? text,
    senderStaffId: userid,
    senderNick: user?.name,
    isAdmin: user ? user.sysLevel === 1 || user.sysLevel === 2 : false,
    conversationType: group ? "2" : "1",
    conversationId: group ? "cidFakeGroup0001==" : undefined,
  });
  process.stdout.write(`→ pushed ${msgId}${fake.openConnections().length ? "" : " (queued: no stream connection yet)"}\n`);
});

async function shutdown(): Promise<void> {
  rl.close();
  await fake.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
