import Router from "@koa/router";
import { bodyParser } from "@koa/bodyparser";
import { z } from "zod";
import type { Services } from "../../services/create-services.js";
import type { SessionService } from "../../services/session.service.js";
import { authenticate, requireAdmin } from "../middleware/auth.middleware.js";
import { requireJson } from "../middleware/validate.middleware.js";
import { presentDelivery, presentUpcoming } from "../presenters/reminder.presenter.js";
import { authedRoute } from "../route-kit.js";

const Ack = z.object({ contractId: z.coerce.number().int().positive("must be a contract id"), kind: z.string().min(1).max(32) }).strict();
const Snooze = Ack.extend({ days: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(365, "must be at most 365") }).strict();
const UpcomingQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).optional(), lang: z.enum(["zh", "en"]).optional() });
const LogQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional(), status: z.enum(["pending", "sent", "failed", "skipped"]).optional() });

/** Reminders for the page: upcoming notices, the delivery log, acknowledge and snooze. Admin only. */
export function reminderRoutes(services: Services, sessions: SessionService, opts: { bodyLimitKb: number }): Router {
  const router = new Router({ prefix: "/api/v1/reminders" });
  router.use(authenticate(sessions), requireAdmin);
  const json = [requireJson, bodyParser({ jsonLimit: `${opts.bodyLimitKb}kb`, enableTypes: ["json"] })];

  router.get("/upcoming", ...authedRoute({ query: UpcomingQuery }, async function upcoming(ctx) {
    const q = ctx.state.input.query;
    ctx.body = { data: (await services.listUpcoming({ days: q.days })).map((r) => presentUpcoming(r, q.lang)) };
  }));

  router.get("/log", ...authedRoute({ query: LogQuery }, async function deliveryLog(ctx) {
    const o = await services.requireOverview();
    const q = ctx.state.input.query;
    ctx.body = { data: (await services.deliveryLog({ contractId: o.graph.contract.id, limit: q.limit, status: q.status })).map(presentDelivery) };
  }));

  router.post("/acknowledge", ...json, ...authedRoute({ body: Ack }, async function acknowledge(ctx) {
    await services.acknowledgeReminder({ ...ctx.state.input.body, actor: ctx.state.user.userId });
    ctx.body = { data: { ok: true } };
  }));

  router.post("/snooze", ...json, ...authedRoute({ body: Snooze }, async function snooze(ctx) {
    await services.snoozeReminder({ ...ctx.state.input.body, actor: ctx.state.user.userId });
    ctx.body = { data: { ok: true } };
  }));
  return router;
}
