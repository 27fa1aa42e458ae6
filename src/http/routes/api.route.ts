import Router from "@koa/router";
import { bodyParser } from "@koa/bodyparser";
import { z } from "zod";
import type { Services } from "../../services/create-services.js";
import type { SessionService } from "../../services/session.service.js";
import { authenticate, requireAdmin } from "../middleware/auth.middleware.js";
import { requireJson } from "../middleware/validate.middleware.js";
import { presentQuota } from "../presenters/quota.presenter.js";
import { presentSummary, summaryJson } from "../presenters/summary.presenter.js";
import type { Lang } from "../presenters/consequence.presenter.js";
import { presentDelivery, presentUpcoming } from "../presenters/reminder.presenter.js";
import { authedRoute } from "../route-kit.js";

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
const RenewalBody = z
  .object({
    contractId: z.coerce.number().int().positive("must be a contract id"),
    declaration: z.enum(["renewed", "renewing"]),
  })
  .strict();
const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });

/** Everything the page shows except who is looking (shared by all viewers, cached per language). */
async function loadSummary(services: Services, lang: Lang) {
  const overview = await services.overview();
  const contractId = overview?.graph.contract.id;
  const panel = contractId
    ? {
        upcoming: (await services.listUpcoming({ contractId })).map((r) => presentUpcoming(r, lang)),
        log: (await services.deliveryLog({ contractId, limit: 20 })).map(presentDelivery),
      }
    : { upcoming: [], log: [] };
  const { freeStorageGb, chatHistoryDays } = services.config.settings.dataRetention;
  return presentSummary(overview, services.config.demo, lang, panel, services.clock.now(), services.config.timezone, { freeStorageGb, chatHistoryDays });
}

/** The page's admin API: summary, entitlements, usage entry, renewal declaration, audit trail. Every route authenticated and admin-checked. */
export function apiRoutes(services: Services, sessions: SessionService, opts: { bodyLimitKb: number }): Router {
  const router = new Router({ prefix: "/api/v1" });
  router.use(authenticate(sessions), requireAdmin);
  const json = [requireJson, bodyParser({ jsonLimit: `${opts.bodyLimitKb}kb`, enableTypes: ["json"] })];

  router.get("/summary", ...authedRoute({ query: LangQuery }, async function summary(ctx) {
    const lang: Lang = ctx.state.input.query.lang ?? "zh";
    const shared = await services.cachedRead(`summary-json|${lang}`, async () => JSON.stringify(await loadSummary(services, lang)));
    ctx.set("Cache-Control", "no-store");
    ctx.type = "application/json";
    ctx.body = summaryJson(shared, ctx.state.user);
  }));

  router.get("/entitlements", ...authedRoute({ query: LangQuery }, async function entitlements(ctx) {
    const o = await services.requireOverview();
    const view = { lang: ctx.state.input.query.lang ?? "zh", today: o.today, tz: services.config.timezone };
    ctx.body = { data: o.quotas.map((q) => ({ ...presentQuota(q, view), entitlement: q.entitlementCode })) };
  }));

  router.post("/usage", ...json, ...authedRoute({ query: LangQuery, body: UsageBody }, async function recordUsage(ctx) {
    const b = ctx.state.input.body;
    const change = await services.recordUsage({ ...b, note: b.note ?? null, source: "manual", actor: ctx.state.user.userId });
    ctx.status = 201;
    ctx.body = { data: { quota: presentQuota(change.quota, { lang: ctx.state.input.query.lang ?? "zh" }), flagged: change.flagged } };
  }));

  router.post("/renewal", ...json, ...authedRoute({ body: RenewalBody }, async function declareRenewal(ctx) {
    const b = ctx.state.input.body;
    const result = await services.declareRenewal({ actor: ctx.state.user.userId, declaration: b.declaration, contractId: b.contractId });
    ctx.body = { data: result };
  }));

  router.get("/audit", ...authedRoute({ query: AuditQuery }, async function auditTrail(ctx) {
    const o = await services.overview();
    const events = await services.auditEvents(o?.graph.org.id ?? null, ctx.state.input.query.limit ?? 50);
    ctx.body = {
      data: events.map((e) => ({ at: e.occurredAt.toISOString(), actor: e.actor, action: e.action, subject: `${e.subjectType}:${e.subjectId ?? ""}`, details: e.details })),
    };
  }));
  return router;
}
