import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { Context, Next } from "koa";
import { compress, isCompressible, MIN_COMPRESS_BYTES, pickEncoding } from "./compression.middleware.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json", ".ico": "image/x-icon", ".woff2": "font/woff2",
};

/**
 * Serves the built mini-app at /mini-app/: `/mini-app` redirects keeping the query; index.html is never cached;
 * hashed assets are immutable; nothing outside the build directory is reachable. Files are read whole (the build is
 * small) so a read failure becomes an ordinary mapped error with the usual headers, never a half-sent stream.
 */
export function serveMiniApp(distDir: string) {
  const root = normalize(distDir + sep);
  return async function miniAppStatic(ctx: Context, next: Next): Promise<void> {
    if (ctx.path === "/mini-app") {
      ctx.status = 301;
      ctx.redirect(`/mini-app/${ctx.querystring ? `?${ctx.querystring}` : ""}`);
      return;
    }
    if (!ctx.path.startsWith("/mini-app/") || (ctx.method !== "GET" && ctx.method !== "HEAD")) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path.slice("/mini-app/".length));
    } catch {
      return next();
    }
    const file = normalize(join(root, rel || "index.html"));
    if (!file.startsWith(root)) return next();
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (rel.startsWith("assets/") || !existsSync(join(root, "index.html"))) return next();
      return serve(ctx, join(root, "index.html"));
    }
    return serve(ctx, file);
  };
}

/** Compressed copies of the build's files by path and encoding, with the mtime they were made from: each file is
 * compressed once, at full strength, and read from disk again only when it changed. */
const packed = new Map<string, { mtimeMs: number; body: Promise<Buffer> }>();

async function serve(ctx: Context, file: string): Promise<void> {
  const isIndex = file.endsWith("index.html");
  const { size, mtimeMs } = statSync(file);
  ctx.type = TYPES[extname(file)] ?? "application/octet-stream";
  ctx.set("Cache-Control", isIndex ? "no-store" : file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "public, max-age=300");
  ctx.vary("Accept-Encoding");
  const encoding = pickEncoding(ctx.get("Accept-Encoding"));
  if (!encoding || size < MIN_COMPRESS_BYTES || !isCompressible(ctx.type)) {
    ctx.body = await readFile(file);
    return;
  }
  const key = `${file}|${encoding}`;
  let copy = packed.get(key);
  if (!copy || copy.mtimeMs !== mtimeMs) {
    const body = readFile(file).then((bytes) => compress(bytes, encoding, true));
    copy = { mtimeMs, body };
    packed.set(key, copy);
    body.catch(() => packed.delete(key));
  }
  ctx.body = await copy.body;
  ctx.set("Content-Encoding", encoding);
}
