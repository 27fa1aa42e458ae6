import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DingTalkStreamClient, type StreamClientOptions } from "../../../src/bot/stream-client.js";
import type { RobotMessage } from "../../../src/bot/robot-message.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { memoryClaims, Waiter } from "../../fakes/waiter.js";

let fake: FakeDingTalk;
const clients: DingTalkStreamClient[] = [];

beforeEach(async () => {
  fake = await FakeDingTalk.start({ gateway: { redeliveryDelayMs: 150 } });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  await fake.close();
});

/** A stream client against the fake, collecting handled messages. */
function startClient(over: Partial<StreamClientOptions> = {}, claims = memoryClaims(), waiter = new Waiter()) {
  const handled: RobotMessage[] = [];
  const client = new DingTalkStreamClient({
    clientId: fake.app.clientId,
    clientSecret: fake.app.clientSecret,
    gatewayUrl: fake.gatewayUrl,
    claimMessage: claims.claim,
    onMessage: (m) => {
      handled.push(m);
      waiter.notify();
    },
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    onStateChange: waiter.notify,
    ...over,
  });
  clients.push(client);
  client.start();
  return { client, handled, waiter, claims };
}

describe("DingTalkStreamClient against the fake gateway (real SDK, real sockets)", () => {
  it("ACKs a burst at once but runs at most maxConcurrentMessages handlers, the rest in arrival order", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let active = 0;
    let most = 0;
    const order: string[] = [];
    const { handled, waiter } = startClient({
      maxConcurrentMessages: 2,
      onMessage: async (m) => {
        active += 1;
        most = Math.max(most, active);
        order.push(m.text?.content ?? "");
        handled.push(m);
        waiter.notify();
        await gate;
        active -= 1;
      },
    });
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    for (let i = 0; i < 6; i++) fake.pushRobotMessage({ text: `m${i}`, senderStaffId: "u100", isAdmin: true });
    await fake.waitFor((f) => f.stream.acks.length === 6, 5000, "every ACK");
    await waiter.until(() => handled.length === 2, 5000, "two handlers");
    expect(handled).toHaveLength(2);
    release();
    await waiter.until(() => handled.length === 6, 5000, "the rest");
    expect(most).toBe(2);
    expect(order).toEqual(["m0", "m1", "m2", "m3", "m4", "m5"]);
  });

  it("ACKs a robot message on its socket before the handler runs, and handles it once", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { client, handled, waiter } = startClient({
      onMessage: async (m) => {
        handled.push(m);
        waiter.notify();
        await gate;
      },
    });
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    const msgId = fake.pushRobotMessage({ text: "合同到期", senderStaffId: "u100", isAdmin: true });

    await waiter.until(() => handled.length === 1, 5000, "the handler");
    await fake.waitFor((f) => f.stream.acks.length === 1, 5000, "the ACK");
    const delivery = fake.stream.deliveries[0];
    const ack = fake.stream.acks[0];
    expect(ack).toMatchObject({ messageId: delivery.messageId, connectionId: delivery.connectionId, code: 200, dropped: false });
    expect(JSON.parse(String(ack.data))).toEqual({ response: null });
    expect(client.inFlight).toBe(1); // the handler is still blocked, yet DingTalk already has its ACK
    release();
    expect(handled[0]).toMatchObject({ msgId, senderStaffId: "u100", isAdmin: true, conversationType: "1", text: { content: "合同到期" } });
    expect(client.state).toBe("open");
    expect(client.counters).toMatchObject({ connects: 1, acked: 1, messages: 1, duplicates: 0, errors: 0 });
  });

  it("answers SYSTEM/ping with the SDK's echo", async () => {
    startClient();
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    fake.ping(fake.openConnections()[0].id);
    await fake.waitFor((f) => f.stream.pongs.length === 1, 5000, "the pong");
  });

  it("a lost ACK makes DingTalk redeliver; the claim port drops the copy so the handler runs once", async () => {
    const { client, handled, claims } = startClient();
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    fake.dropAcks(1);
    const msgId = fake.pushRobotMessage({ text: "剩余额度" });
    await fake.waitFor((f) => f.stream.acks.filter((a) => !a.dropped).length === 1, 5000, "the redelivery's ACK");

    expect(fake.stream.deliveries.filter((d) => d.msgId === msgId).map((d) => d.attempt)).toEqual([1, 2]);
    expect(claims.calls).toEqual([msgId, msgId]);
    await new Waiter().until(() => client.counters.duplicates === 1, 2000, "the duplicate to be dropped");
    expect(handled.map((m) => m.msgId)).toEqual([msgId]);
  });

  it("reconnects at once on SYSTEM/disconnect, closes the old socket itself, and handles later messages", async () => {
    const { client, handled, waiter } = startClient({ backoffBaseMs: 5000, minReconnectIntervalMs: 0 });
    await waiter.until(() => client.state === "open", 5000, "the client to be open");
    const first = fake.openConnections()[0];
    fake.disconnect(first.id, { reason: "connection is expired", closeAfterMs: 10_000 });

    // Well inside the server's 10 s grace and without waiting for the 5 s backoff: a new connection, old one closed by us.
    await fake.waitFor((f) => f.openConnections().length === 1 && f.openConnections()[0].id !== first.id, 3000, "a new connection");
    await fake.waitFor(() => first.closedBy === "client", 3000, "the old socket to be closed by the client");
    const msgId = fake.pushRobotMessage({ text: "续费提醒" });
    await waiter.until(() => handled.length === 1, 5000, "the handler");
    expect(handled[0].msgId).toBe(msgId);
    expect(fake.stream.deliveries.at(-1)?.connectionId).not.toBe(first.id);
    expect(client.counters).toMatchObject({ serverDisconnects: 1, connects: 2, reconnects: 1, connectFailures: 0 });
  });

  it("a disconnect that races the WebSocket handshake still ends with a working connection", async () => {
    const { client, handled, waiter } = startClient({ backoffBaseMs: 5000, minReconnectIntervalMs: 0 });
    // The fake sees the upgrade before the client's 'open' event runs: the frame reaches a half-set-up connection.
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    const first = fake.openConnections()[0];
    fake.disconnect(first.id, { closeAfterMs: 10_000 });
    await fake.waitFor((f) => f.openConnections().length === 1 && f.openConnections()[0].id !== first.id, 3000, "a new connection");
    await waiter.until(() => client.state === "open", 3000, "the client to be open");
    fake.pushRobotMessage();
    await waiter.until(() => handled.length === 1, 5000, "the handler");
    expect(client.counters.serverDisconnects).toBe(1);
  });

  it("reconnects after the server drops the socket", async () => {
    const { client, handled, waiter } = startClient();
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    fake.kill(fake.openConnections()[0].id);
    await waiter.until(() => client.counters.reconnects === 1 && client.state === "open", 5000, "a reconnect");
    fake.pushRobotMessage();
    await waiter.until(() => handled.length === 1, 5000, "the handler");
    expect(client.counters.socketCloses).toBe(1);
  });

  it("reconnects a silent (zombie) connection after the idle timeout", async () => {
    const { client, waiter } = startClient({ idleTimeoutMs: 300 });
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    const first = fake.openConnections()[0];
    await waiter.until(() => client.counters.idleReconnects >= 1 && client.state === "open", 5000, "an idle reconnect");
    expect(first.closedBy).toBe("client");
    expect(fake.openConnections().map((c) => c.id)).not.toContain(first.id);
  });

  it("two instances of one app: random routing, lost ACKs, and still every message handled exactly once", async () => {
    const claims = memoryClaims();
    const waiter = new Waiter();
    const a = startClient({}, claims, waiter);
    const b = startClient({}, claims, waiter);
    await fake.waitFor((f) => f.openConnections().length === 2, 5000, "two connections");
    fake.dropAcks(8);
    const ids = Array.from({ length: 40 }, (_, i) => fake.pushRobotMessage({ text: `问题 ${i}` }));
    const all = () => [...a.handled, ...b.handled].map((m) => m.msgId);
    await waiter.until(() => all().length >= 40, 5000, "40 handled messages");
    await fake.waitFor((f) => f.stream.acks.filter((x) => !x.dropped).length === 40, 5000, "every message ACKed for good");
    await Promise.all([a.client.stop(), b.client.stop()]); // drains handlers

    expect(fake.stream.deliveries).toHaveLength(48);
    expect(a.client.counters.duplicates + b.client.counters.duplicates).toBe(8);

    expect(all().sort()).toEqual([...ids].sort());
    expect(a.handled.length).toBeGreaterThan(0);
    expect(b.handled.length).toBeGreaterThan(0);
  });

  it("survives malformed frames without crashing or reconnecting", async () => {
    const { client, handled, waiter } = startClient();
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    const conn = fake.openConnections()[0].id;
    const cb = (headers: unknown, data: unknown) => JSON.stringify({ specVersion: "1.0", type: "CALLBACK", headers, data });
    fake.sendRaw(conn, "{not json");
    fake.sendRaw(conn, Buffer.from([0xff, 0x00, 0x13]));
    fake.sendRaw(conn, JSON.stringify({ type: "SYSTEM" }));
    fake.sendRaw(conn, cb(undefined, "{}"));
    fake.sendRaw(conn, cb({ topic: "/v1.0/im/bot/messages/get", messageId: "m-bad-1" }, "not json"));
    fake.sendRaw(conn, cb({ topic: "/v1.0/im/bot/messages/get", messageId: "m-bad-2" }, JSON.stringify({ text: { content: "no ids" } })));
    const msgId = fake.pushRobotMessage({ text: "还在吗" });
    await waiter.until(() => handled.length === 1, 5000, "the valid message");

    expect(handled[0].msgId).toBe(msgId);
    expect(client.counters).toMatchObject({ connects: 1, malformedFrames: 4, invalidMessages: 2 });
    // Frames that name a messageId are ACKed even when their data is unusable, so DingTalk stops resending them.
    await fake.waitFor((f) => ["m-bad-1", "m-bad-2"].every((id) => f.stream.acks.some((a) => a.messageId === id)), 3000, "ACKs of bad frames");
  });

  it("contains handler errors and keeps consuming", async () => {
    let calls = 0;
    const waiter = new Waiter();
    const { client } = startClient({
      onMessage: () => {
        calls += 1;
        waiter.notify();
        if (calls === 1) throw new Error("boom");
      },
    });
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    fake.pushRobotMessage();
    fake.pushRobotMessage();
    await waiter.until(() => calls === 2, 5000, "two handler calls");
    await client.stop(); // waits for running handlers
    expect(client.inFlight).toBe(0);
    expect(client.counters).toMatchObject({ messages: 2, handlerErrors: 1 });
  });

  it("stop() closes the socket and ends in state stopped", async () => {
    const { client } = startClient();
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "a connection");
    const conn = fake.openConnections()[0];
    await client.stop();
    await fake.waitFor(() => conn.closedBy === "client", 3000, "the socket to close");
    expect(client.state).toBe("stopped");
    expect(fake.stream.openConnectionCalls).toHaveLength(1);
  });
});
