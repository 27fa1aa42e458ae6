import { request } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { projectPath } from "../../../src/config/project-paths.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../../src/main.js";
import { pickEncoding } from "../../../src/http/middleware/compression.middleware.js";

/** One raw GET (no client-side decompression), with the bytes exactly as they crossed the wire. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject).end();
  });
}

const decode = (enc: unknown, b: Buffer) => (enc === "br" ? brotliDecompressSync(b) : enc === "gzip" ? gunzipSync(b) : b);

describe("compression on the wire", () => {
  let app: RunningSteward;
  const dist = projectPath("mini-app", "dist");
  const js = readdirSync(join(dist, "assets")).find((f) => f.endsWith(".js"))!;

  beforeAll(async () => {
    app = await startSteward(loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:" }), { log: silentLogger, scheduler: false });
  }, 60_000);
  afterAll(async () => app?.stop());

  it.each(["br", "gzip"] as const)("sends the page's JavaScript %s-compressed, the same bytes once decoded, at most 35 KB", async (enc) => {
    const res = await rawGet(`${app.url}/mini-app/assets/${js}`, { "accept-encoding": enc });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe(enc);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(decode(enc, res.body).equals(readFileSync(join(dist, "assets", js)))).toBe(true);
    expect(res.body.length).toBeLessThanOrEqual(35 * 1024);
    expect(res.body.length).toBeLessThan(readFileSync(join(dist, "assets", js)).length / 2);
  });

  it("sends files as they are to a client that accepts no encoding", async () => {
    const res = await rawGet(`${app.url}/mini-app/assets/${js}`, {});
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.equals(readFileSync(join(dist, "assets", js)))).toBe(true);
  });

  it("compresses JSON answers of 1 KB or more and leaves small ones alone", async () => {
    const big = await rawGet(`${app.url}/metrics`, { "accept-encoding": "gzip, br" });
    expect(big.headers["content-encoding"]).toBe("br");
    expect(decode("br", big.body).toString()).toContain("steward_http_requests_total");
    const small = await rawGet(`${app.url}/healthz`, { "accept-encoding": "gzip, br" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ status: "ok" });
  });

  it.each([
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip;q=0.5", "gzip"],
    ["*", "br"],
    ["identity", null],
    ["", null],
  ] as const)("Accept-Encoding %j → %s", (header, want) => {
    expect(pickEncoding(header)).toBe(want);
  });
});
