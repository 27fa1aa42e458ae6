import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { randomBytes, randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import type { FakeCore } from "./fake-core.js";
import { sendJson, type FakeRequest } from "./fake-http.js";

/** The robot callback topic. */
export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

/** Stream gateway behaviour knobs. */
export interface GatewayOptions {
  /** Redeliver an unACKed callback after this long (real DingTalk: about 60 s). */
  redeliveryDelayMs: number;
  /** Deliveries per message including the first (default 3). */
  maxDeliveries: number;
  /** Send `SYSTEM/ping` this often on every connection; 0 = never. */
  pingIntervalMs: number;
  /** After `SYSTEM/disconnect`, close the socket this much later (real: 10 s). */
  disconnectCloseAfterMs: number;
  /** Ticket lifetime (real: 90 s). */
  ticketTtlMs: number;
  /** "random": one random open connection of the app per push (documented); "newest": the latest one. */
  routing: "random" | "newest";
}

/** One Stream connection as the fake sees it. `id` is the ticket, as in real frames' `connectionId`. */
export interface FakeConnection {
  id: string;
  clientId: string;
  subscriptions: { type: string; topic: string }[];
  openedAt: number;
  closedAt: number | null;
  closedBy: "client" | "server" | null;
  /** A disconnect frame was sent: no more deliveries here. */
  draining: boolean;
  ws: WebSocket;
}

interface Pending {
  messageId: string;
  msgId: string;
  clientId: string;
  frame: string;
  /** The subscription topic a connection needs to receive it (robot callbacks: TOPIC_ROBOT; events: "*"). */
  topic?: string;
  deliveries: number;
  acked: boolean;
  timer: NodeJS.Timeout | null;
}

/** Recorded gateway traffic. */
export interface GatewayRecords {
  openConnectionCalls: { clientId: string; at: number; status: number }[];
  deliveries: { messageId: string; msgId: string; connectionId: string; attempt: number; at: number }[];
  acks: { messageId: string; connectionId: string; code: unknown; data: unknown; dropped: boolean; at: number }[];
  pongs: { messageId: string; connectionId: string; at: number }[];
  upstreamMalformed: { connectionId: string; text: string; at: number }[];
  refusedUpgrades: number;
}

/** The Stream half of the fake: open-connection endpoint, WebSocket frames, ACKs, redelivery, routing. */
export class FakeStreamGateway {
  readonly connections: FakeConnection[] = [];
  readonly records: GatewayRecords = { openConnectionCalls: [], deliveries: [], acks: [], pongs: [], upstreamMalformed: [], refusedUpgrades: 0 };
  refuseUpgradeStatus: number | null = null;
  private dropAckBudget = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Map<string, { clientId: string; subscriptions: FakeConnection["subscriptions"]; expiresAt: number }>();
  private readonly pending = new Map<string, Pending>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly serverClosed = new WeakSet<WebSocket>();
  private seq = 0;

  constructor(
    private readonly core: FakeCore,
    readonly opts: GatewayOptions,
  ) {}

  /** `POST /v1.0/gateway/connections/open`. */
  handleOpen(req: FakeRequest, res: ServerResponse): void {
    const app = this.core.authenticate(req.body.clientId, req.body.clientSecret);
    const status = app ? 200 : 400;
    this.records.openConnectionCalls.push({ clientId: String(req.body.clientId ?? ""), at: this.core.now(), status });
    if (!app) {
      sendJson(res, 400, { code: "invalidClientIdOrSecret", message: "无效的clientId或者clientSecret" });
    } else {
      const ticket = randomUUID();
      const subs = Array.isArray(req.body.subscriptions) ? (req.body.subscriptions as FakeConnection["subscriptions"]) : [];
      this.tickets.set(ticket, { clientId: app.clientId, subscriptions: subs, expiresAt: this.core.now() + this.opts.ticketTtlMs });
      const endpoint = `${this.core.baseUrl.replace(/^http/, "ws")}/connect`;
      sendJson(res, 200, { endpoint, ticket });
    }
    this.core.record({ api: "gateway.open", method: "POST", path: req.path, status, outcome: app ? "ok" : "error" });
  }

  /** WebSocket upgrade on `/connect?ticket=`: single-use, unexpired tickets only. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://fake.local");
    const ticket = url.searchParams.get("ticket") ?? "";
    const t = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    const refuse = url.pathname !== "/connect" ? 404 : this.refuseUpgradeStatus ?? (!t || t.expiresAt <= this.core.now() ? 401 : null);
    if (refuse !== null || !t) {
      this.records.refusedUpgrades += 1;
      socket.end(`HTTP/1.1 ${refuse ?? 401} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      this.core.changed();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onOpen(ws, ticket, t.clientId, t.subscriptions));
  }

  private onOpen(ws: WebSocket, id: string, clientId: string, subscriptions: FakeConnection["subscriptions"]): void {
    const conn: FakeConnection = { id, clientId, subscriptions, openedAt: this.core.now(), closedAt: null, closedBy: null, draining: false, ws };
    this.connections.push(conn);
    ws.on("message", (data) => this.onUpstream(conn, data.toString()));
    ws.on("error", () => undefined);
    ws.on("close", () => {
      conn.closedAt = this.core.now();
      conn.closedBy = this.serverClosed.has(ws) ? "server" : "client";
      this.core.changed();
    });
    if (this.opts.pingIntervalMs > 0) {
      const iv = setInterval(() => (conn.closedAt === null ? this.ping(conn.id) : clearInterval(iv)), this.opts.pingIntervalMs);
      this.timers.add(iv);
    }
    this.core.changed();
    for (const p of this.pending.values()) {
      if (!p.acked && !p.timer && p.deliveries < this.opts.maxDeliveries && p.clientId === clientId) this.deliver(p);
    }
  }

  private onUpstream(conn: FakeConnection, text: string): void {
    let msg: { code?: unknown; headers?: { messageId?: unknown; topic?: unknown }; data?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      this.records.upstreamMalformed.push({ connectionId: conn.id, text: text.slice(0, 200), at: this.core.now() });
      return this.core.changed();
    }
    const messageId = String(msg.headers?.messageId ?? "");
    if (msg.headers?.topic === "ping") {
      this.records.pongs.push({ messageId, connectionId: conn.id, at: this.core.now() });
      return this.core.changed();
    }
    const p = this.pending.get(messageId);
    const dropped = this.dropAckBudget > 0 && !!p && !p.acked;
    if (dropped) this.dropAckBudget -= 1;
    this.records.acks.push({ messageId, connectionId: conn.id, code: msg.code, data: msg.data, dropped, at: this.core.now() });
    if (p && !dropped && msg.code === 200) {
      p.acked = true;
      if (p.timer) clearTimeout(p.timer);
      p.timer = null;
    }
    this.core.changed();
  }

  /** Ignores the next `n` callback ACKs (they are "lost"), so those messages get redelivered. */
  dropAcks(n: number): void {
    this.dropAckBudget += n;
  }

  /** Queues a CALLBACK frame for the app and delivers it (now, or when a connection opens). */
  pushCallback(clientId: string, appId: string, msgId: string, data: Record<string, unknown>): string {
    const messageId = this.nextMessageId();
    const frame = JSON.stringify({
      specVersion: "1.0",
      type: "CALLBACK",
      headers: { appId, connectionId: "", contentType: "application/json", messageId, time: String(this.core.now()), topic: TOPIC_ROBOT },
      data: JSON.stringify(data),
    });
    const p: Pending = { messageId, msgId, clientId, frame, deliveries: 0, acked: false, timer: null };
    this.pending.set(messageId, p);
    this.deliver(p);
    return messageId;
  }

  /** Queues any downstream frame (`EVENT` with topic "*", card `CALLBACK`s…) for connections subscribed to `topic`. */
  pushFrame(clientId: string, type: "EVENT" | "CALLBACK", topic: string, headers: Record<string, string>, data: Record<string, unknown>): string {
    const messageId = this.nextMessageId();
    const frame = JSON.stringify({
      specVersion: "1.0", type, headers: { connectionId: "", contentType: "application/json", messageId, time: String(this.core.now()), topic, ...headers }, data: JSON.stringify(data),
    });
    const p: Pending = { messageId, msgId: headers.eventId ?? messageId, clientId, frame, topic: type === "EVENT" ? "*" : topic, deliveries: 0, acked: false, timer: null };
    this.pending.set(messageId, p);
    this.deliver(p);
    return messageId;
  }

  private deliver(p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    const open = this.connections.filter(
      (c) => c.clientId === p.clientId && c.closedAt === null && !c.draining && c.ws.readyState === c.ws.OPEN && c.subscriptions.some((s) => s.topic === (p.topic ?? TOPIC_ROBOT)),
    );
    if (open.length === 0) return; // waits for the app's next connection
    const conn = this.opts.routing === "newest" ? open[open.length - 1] : open[Math.floor(Math.random() * open.length)];
    const frame = JSON.parse(p.frame) as { headers: Record<string, string> };
    frame.headers.connectionId = conn.id;
    conn.ws.send(JSON.stringify(frame));
    p.deliveries += 1;
    this.records.deliveries.push({ messageId: p.messageId, msgId: p.msgId, connectionId: conn.id, attempt: p.deliveries, at: this.core.now() });
    this.core.changed();
    if (p.deliveries >= this.opts.maxDeliveries) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      p.timer = null;
      if (!p.acked) this.deliver(p);
    }, this.opts.redeliveryDelayMs);
    p.timer = timer;
    this.timers.add(timer);
  }

  /** Sends `SYSTEM/ping` on a connection. */
  ping(connectionId: string): void {
    this.system(connectionId, "ping", { opaque: randomUUID() });
  }

  /** Sends `SYSTEM/disconnect`, stops routing there, and closes the socket `closeAfterMs` later. */
  disconnect(connectionId: string, reason = "connection is expired", closeAfterMs = this.opts.disconnectCloseAfterMs): void {
    const conn = this.connections.find((c) => c.id === connectionId);
    if (!conn) throw new Error(`fake gateway: no connection ${connectionId}`);
    this.system(connectionId, "disconnect", { reason });
    conn.draining = true;
    const t = setTimeout(() => this.kill(connectionId, 1000), closeAfterMs);
    this.timers.add(t);
  }

  /** Closes a connection from the server side (code 1000) or drops it abruptly (no code). */
  kill(connectionId: string, code?: number): void {
    const conn = this.connections.find((c) => c.id === connectionId);
    if (!conn || conn.closedAt !== null) return;
    this.serverClosed.add(conn.ws);
    if (code === undefined) conn.ws.terminate();
    else conn.ws.close(code);
  }

  /** Sends raw text (malformed-frame tests). */
  sendRaw(connectionId: string, text: string | Buffer): void {
    this.connections.find((c) => c.id === connectionId)?.ws.send(text);
  }

  private system(connectionId: string, topic: string, data: Record<string, unknown>): void {
    const conn = this.connections.find((c) => c.id === connectionId);
    if (!conn || conn.ws.readyState !== conn.ws.OPEN) return;
    const headers = { contentType: "application/json", messageId: this.nextMessageId(), time: String(this.core.now()), topic };
    conn.ws.send(JSON.stringify({ specVersion: "1.0", type: "SYSTEM", headers, data: JSON.stringify(data) }));
  }

  private nextMessageId(): string {
    this.seq += 1;
    return `${randomBytes(4).toString("hex")}_${this.seq.toString(16)}_${this.core.now().toString(16)}_${randomBytes(2).toString("hex")}`;
  }

  /** Stops timers and closes every socket. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    for (const c of this.connections) if (c.closedAt === null) this.kill(c.id);
    this.wss.close();
  }
}
