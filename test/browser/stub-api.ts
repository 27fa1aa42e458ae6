/**
 * A small in-test Koa backend: serves mini-app/dist at /mini-app/ and answers the routes of docs/api.md from the
 * fixture Summary. The page tests run against the real server (real-backend.ts); the stub remains for page
 * features the server does not serve yet (reminder acknowledge/snooze, upcoming reminders and the delivery log).
 */
import { readFile, stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { bodyParser } from "@koa/bodyparser";
import Router, { type RouterMiddleware } from "@koa/router";
import Koa from "koa";
import { z } from "zod";
import type { QuotaView, Summary, Viewer } from "../../mini-app/src/api-types.js";
import { FIXTURE_ADMIN, fixtureSummary } from "./summary.fixture.js";

/** What a page test needs from a backend, stub or real. */
export interface TestBackend {
  /** Origin, e.g. `http://127.0.0.1:40123`; the page is at `${baseUrl}/mini-app/`. */
  baseUrl: string;
  /** Makes every issued session token invalid, so the next API call answers 401. */
  expireSessions(): void;
  close(): Promise<void>;
}

/** Options of the stub. */
export interface StubOptions {
  /** Demo mode: `POST /api/miniapp/session {demo:true}` works (else 403 forbidden). */
  demo: boolean;
  /** False = no contract imported yet (empty state). */
  withContract?: boolean;
  /** Directory of the built page; default mini-app/dist. */
  distDir?: string;
}

/** Free-login codes the fake DingTalk bridge hands out, mapped to users (same codes as the fake DingTalk server). */
export const AUTH_CODES: Record<string, Viewer> = {
  "code-admin": FIXTURE_ADMIN,
  "code-staff": { userId: "staff042", name: "李员工", isAdmin: false },
};

const DIST = new URL("../../mini-app/dist/", import.meta.url).pathname;
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json",
};

const sessionBody = z.union([z.object({ demo: z.literal(true) }), z.object({ authCode: z.string().min(1), corpId: z.string().min(1) })]);
const usageBody = z.object({
  contractId: z.union([z.number(), z.string()]),
  metric: z.string().min(1),
  amount: z.number().finite().nonnegative(),
  kind: z.enum(["delta", "reading"]),
  note: z.string().max(500).optional(),
});
const reminderBody = z.object({ contractId: z.union([z.number(), z.string()]), kind: z.string().min(1) });
const snoozeBody = reminderBody.extend({ days: z.number().int().min(1).max(90) });

function fail(ctx: Koa.Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { error: { code, message } };
}

function applyUsage(q: QuotaView, kind: "delta" | "reading", amount: number, note: string | null, at: string): QuotaView {
  const used = kind === "delta" ? (q.used ?? 0) + amount : amount;
  return {
    ...q,
    used,
    remaining: q.limit - used,
    percent: Math.round((used / q.limit) * 1000) / 10,
    overLimit: used > q.limit,
    asOf: at,
    source: "manual",
    lastEntry: { kind, amount, note, recordedBy: FIXTURE_ADMIN.name, at },
  };
}

async function serveStatic(ctx: Koa.Context, distDir: string, rel: string): Promise<void> {
  const file = normalize(join(distDir, rel === "" ? "index.html" : rel));
  if (!file.startsWith(normalize(distDir + sep))) return fail(ctx, 404, "not_found", "No such file");
  try {
    if (!(await stat(file)).isFile()) return fail(ctx, 404, "not_found", "No such file");
  } catch {
    return fail(ctx, 404, "not_found", `No such file; build the page with npm run build:mini-app`);
  }
  ctx.type = TYPES[extname(file)] ?? "application/octet-stream";
  ctx.set("Cache-Control", rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-store");
  ctx.body = await readFile(file);
}

/** Starts the stub on 127.0.0.1 (random port). */
export async function startStubApi(opts: StubOptions): Promise<TestBackend> {
  const distDir = opts.distDir ?? DIST;
  const sessions = new Map<string, { user: Viewer; demo: boolean }>();
  const summaries = new Map<boolean, Summary>();
  let counter = 0;
  const summaryFor = (demo: boolean): Summary => {
    let s = summaries.get(demo);
    if (!s) summaries.set(demo, (s = fixtureSummary({ demo, withContract: opts.withContract })));
    return s;
  };

  const router = new Router();
  router.post("/api/miniapp/session", (ctx) => {
    const parsed = sessionBody.safeParse(ctx.request.body);
    if (!parsed.success) return fail(ctx, 400, "invalid_input", "Send {authCode, corpId} or {demo: true}");
    let user: Viewer;
    let demo = false;
    if ("demo" in parsed.data) {
      if (!opts.demo) return fail(ctx, 403, "forbidden", "Demo mode is off; open the page from the DingTalk workbench");
      user = FIXTURE_ADMIN;
      demo = true;
    } else {
      const known = AUTH_CODES[parsed.data.authCode];
      if (!known) return fail(ctx, 401, "unauthenticated", "The DingTalk login code is invalid or expired; reopen the page");
      user = known;
    }
    counter += 1;
    const token = `stub-token-${counter}`;
    sessions.set(token, { user, demo });
    ctx.body = { data: { token, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), user, demo } };
  });

  const auth: RouterMiddleware = async (ctx, next) => {
    const header = ctx.get("Authorization");
    const session = header.startsWith("Bearer ") ? sessions.get(header.slice(7)) : undefined;
    if (!session) return fail(ctx, 401, "unauthenticated", "Session missing or expired; sign in again");
    if (!session.user.isAdmin) return fail(ctx, 403, "forbidden", "Only organization admins can see the contract");
    ctx.state.session = session;
    await next();
  };

  router.get("/api/v1/summary", auth, (ctx) => {
    const s = summaryFor(ctx.state.session.demo);
    ctx.body = { data: s };
  });
  router.post("/api/v1/usage", auth, (ctx) => {
    const parsed = usageBody.safeParse(ctx.request.body);
    if (!parsed.success) return fail(ctx, 400, "invalid_input", "amount must be a non-negative number; kind delta|reading");
    const { metric, amount, kind, note } = parsed.data;
    const s = summaryFor(ctx.state.session.demo);
    for (const ent of s.entitlements) {
      const i = ent.quotas.findIndex((q) => q.metric === metric);
      if (i < 0) continue;
      const next = applyUsage(ent.quotas[i], kind, amount, note ?? null, new Date().toISOString());
      ent.quotas[i] = next;
      ctx.body = { data: { quota: next, flagged: next.overLimit } };
      return;
    }
    fail(ctx, 404, "not_found", `Unknown metric ${metric}; pick one of the contract's quotas`);
  });
  router.post("/api/v1/reminders/acknowledge", auth, (ctx) => {
    const parsed = reminderBody.safeParse(ctx.request.body);
    if (!parsed.success) return fail(ctx, 400, "invalid_input", "Send {contractId, kind}");
    for (const r of summaryFor(ctx.state.session.demo).reminders.upcoming) if (r.kind === parsed.data.kind) r.acknowledged = true;
    ctx.body = { data: { ok: true } };
  });
  router.post("/api/v1/reminders/snooze", auth, (ctx) => {
    const parsed = snoozeBody.safeParse(ctx.request.body);
    if (!parsed.success) return fail(ctx, 400, "invalid_input", "Send {contractId, kind, days}");
    const until = new Date(Date.parse("2024-04-05T00:00:00Z") + parsed.data.days * 86_400_000).toISOString().slice(0, 10);
    for (const r of summaryFor(ctx.state.session.demo).reminders.upcoming) if (r.kind === parsed.data.kind) r.snoozedUntil = until;
    ctx.body = { data: { ok: true } };
  });

  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.path === "/mini-app") return ctx.redirect(`/mini-app/${ctx.search}`);
    if (ctx.path.startsWith("/mini-app/") && ctx.method === "GET") return serveStatic(ctx, distDir, ctx.path.slice("/mini-app/".length));
    await next();
  });
  app.use(async (ctx, next) => {
    ctx.set("Cache-Control", "no-store");
    await next();
  });
  app.use(bodyParser());
  app.use(router.routes());
  app.use((ctx) => fail(ctx, 404, "not_found", `No route ${ctx.method} ${ctx.path}`));

  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    expireSessions: () => sessions.clear(),
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
