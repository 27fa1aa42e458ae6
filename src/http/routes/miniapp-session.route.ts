import Router from "@koa/router";
import { bodyParser } from "@koa/bodyparser";
import { z } from "zod";
import type { Clock } from "../../lib/clock.js";
import type { SessionService } from "../../services/session.service.js";
import { rateLimit } from "../middleware/rate-limit.middleware.js";
import { requireJson } from "../middleware/validate.middleware.js";
import { route } from "../route-kit.js";

const SessionRequest = z.union([
  z.object({ authCode: z.string().min(1, "is required").max(256), corpId: z.string().max(64).optional() }).strict(),
  z.object({ demo: z.literal(true) }).strict(),
]);

/** POST /api/miniapp/session: free-login code (or a demo request) → short-lived signed session token. */
export function miniAppSessionRoutes(sessions: SessionService, opts: { clock: Clock; perMinute: number; bodyLimitKb: number }): Router {
  const router = new Router();
  router.post(
    "/api/miniapp/session",
    rateLimit({ max: opts.perMinute, windowMs: 60_000, clock: opts.clock }),
    requireJson,
    bodyParser({ jsonLimit: `${opts.bodyLimitKb}kb`, enableTypes: ["json"] }),
    ...route({ body: SessionRequest }, async function createSession(ctx) {
      const body = ctx.state.input.body;
      const s = "demo" in body ? sessions.createDemo() : await sessions.createFromAuthCode(body.authCode, body.corpId);
      ctx.set("Cache-Control", "no-store");
      ctx.body = { data: { token: s.token, expiresAt: s.expiresAt.toISOString(), user: { userId: s.user.userId, name: s.user.name, isAdmin: s.user.isAdmin }, demo: s.user.demo } };
    }),
  );
  return router;
}
