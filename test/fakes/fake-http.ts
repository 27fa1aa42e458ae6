import type { IncomingMessage, ServerResponse } from "node:http";

/** A parsed request: path, query and body (JSON or form-urlencoded; chunked bodies are fine). */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  rawBody: string;
}

/** Reads and parses a request. Invalid JSON yields an empty body with `rawBody` kept. */
export async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const rawBody = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url ?? "/", "http://fake.local");
  const type = String(req.headers["content-type"] ?? "");
  let body: Record<string, unknown> = {};
  if (rawBody) {
    if (type.includes("application/x-www-form-urlencoded")) {
      body = Object.fromEntries(new URLSearchParams(rawBody));
    } else {
      try {
        const parsed: unknown = JSON.parse(rawBody);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        body = {};
      }
    }
  }
  return { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body, rawBody };
}

/** Sends a JSON answer (DingTalk always answers JSON; the OpenAPI SDK throws SyntaxError otherwise). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-acs-request-id": requestId(),
  });
  res.end(text);
}

/** A DingTalk-looking request id. */
export function requestId(): string {
  return Math.random().toString(36).slice(2, 14).toUpperCase();
}
