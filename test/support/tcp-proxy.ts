/**
 * A TCP proxy for outage tests: clients connect to `127.0.0.1:port`, bytes are piped both ways to the target.
 *
 *     const proxy = await startTcpProxy({ targetHost: "127.0.0.1", targetPort: 3306 });
 *     // point the code under test at 127.0.0.1:${proxy.port}
 *     await proxy.stop();    // outage: every piped connection is cut, new connections are refused
 *     await proxy.resume();  // back: listening again on the same port
 *     await proxy.close();   // at the end of the test (idempotent, also after stop)
 *
 * `stop()` destroys both sides of every connection (the client sees a reset/close, like a server or network loss)
 * and stops listening, so a reconnect gets ECONNREFUSED until `resume()`.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

/** Where the proxy forwards to, and optionally which local port to listen on (default: a free one). */
export interface TcpProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Local port; 0 or unset picks a free port (kept across stop/resume). */
  port?: number;
}

/** A running proxy; see the module comment for the life cycle. */
export interface TcpProxy {
  /** The local port on 127.0.0.1 (the same after `resume()`). */
  readonly port: number;
  /** Connections currently piped (both sides open). */
  readonly openConnections: number;
  /** Cuts every connection and stops listening; resolves once the port is closed. No-op when already stopped. */
  stop(): Promise<void>;
  /** Listens again on the same port. No-op when already listening. */
  resume(): Promise<void>;
  /** Stops for good (`stop()` that may not be resumed); safe to call twice. */
  close(): Promise<void>;
}

/** Starts a proxy from 127.0.0.1 to the target; resolves once it listens. */
export async function startTcpProxy(opts: TcpProxyOptions): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let server: Server | null = null;
  let closed = false;

  const onConnection = (client: Socket) => {
    const upstream = createConnection({ host: opts.targetHost, port: opts.targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) s.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        s.off("error", reject);
        resolve(s);
      });
    });

  server = await listen(opts.port ?? 0);
  const port = (server.address() as { port: number }).port;

  const stop = async () => {
    const s = server;
    server = null;
    for (const [client, upstream] of [...pairs]) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  return {
    port,
    get openConnections() {
      return pairs.size;
    },
    stop,
    async resume() {
      if (closed) throw new Error("this TCP proxy was closed; start a new one with startTcpProxy()");
      if (!server) server = await listen(port);
    },
    async close() {
      closed = true;
      await stop();
    },
  };
}
