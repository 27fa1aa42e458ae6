import Router from "@koa/router";
import { bodyParser } from "@koa/bodyparser";
import { z } from "zod";
import type { Services } from "../../services/create-services.js";
import type { SessionService, SessionUser } from "../../services/session.service.js";
import { authenticate, requireAdmin } from "../middleware/auth.middleware.js";
import { requireJson, validate } from "../middleware/validate.middleware.js";
import { presentQuota } from "../presenters/quota.presenter.js";
import { presentSummary } from "../presenters/summary.presenter.js";
import { presentDelivery, presentUpcoming } from "../presenters/reminder.presenter.js";

const LangQuery = z.object({ lang: z.enum(["zh", "en"]).optional() }).passthrough();
const UsageBody = z
  .object({
    contractId: z.coerce.number().int().positive("must be a contract id"),
    metric: z.string().min(1, "is required").max(100),
    amount: z.number({ error: "must be a number" }).finite("must be a finite number").nonnegative("cannot be negative"),
    kind: z.enum(["delta", "reading"]),
    note: z.string().max(500, "is limited to 500 characters").optional(),
  })
  .strict();
const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });

/** The page's admin API: summary, entitlements, usage entry, audit trail. Every route authenticated and admin-checked. */
export function apiRoutes(services: Services, sessions: SessionService, opts: { bodyLimitKb: number }): Router {
  const router = new Router({ prefix: "/api/v1" });
  router.use(authenticate(sessions), requireAdmin);
  const json = [requireJson, bodyParser({ jsonLimit: `${opts.bodyLimitKb}kb`, enableTypes: ["json"] })];

  router.get("/summary", validate("query", LangQuery), async function summary(ctx) {
    const overview = await services.overview();
    const user = ctx.state.user as SessionUser;
    const contractId = overview?.graph.contract.id;
    const lang = ctx.state.input.query.lang ?? "zh";
    const panel = contractId
      ? {
          upcoming: (await services.listUpcoming({ contractId })).map((r) => presentUpcoming(r, lang)),
          log: (await services.deliveryLog({ contractId, limit: 20 })).map(presentDelivery),
        }
      : { upcoming: [], log: [] };
    ctx.set("Cache-Control", "no-store");
    ctx.body = { data: presentSummary(overview, user, services.config.demo, lang, panel, services.clock.now()) };
  });

  router.get("/entitlements", async function entitlements(ctx) {
    const o = await services.requireOverview();
    ctx.body = { data: o.quotas.map((q) => ({ ...presentQuota(q), entitlement: q.entitlementCode })) };
  });

  router.post("/usage", ...json, validate("body", UsageBody), async function recordUsage(ctx) {
    const b = ctx.state.input.body as z.infer<typeof UsageBody>;
    const change = await services.recordUsage({ ...b, note: b.note ?? null, source: "manual", actor: (ctx.state.user as SessionUser).userId });
    ctx.status = 201;
    ctx.body = { data: { quota: presentQuota(change.quota), flagged: change.flagged } };
  });

  router.get("/audit", validate("query", AuditQuery), async function auditTrail(ctx) {
    const o = await services.overview();
    const events = await services.auditEvents(o?.graph.org.id ?? null, ctx.state.input.query.limit ?? 50);
    ctx.body = {
      data: events.map((e) => ({ at: e.occurredAt.toISOString(), actor: e.actor, action: e.action, subject: `${e.subjectType}:${e.subjectId ?? ""}`, details: e.details })),
    };
  });
  return router;
}
