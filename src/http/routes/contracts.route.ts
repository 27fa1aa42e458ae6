import Router from "@koa/router";
import { z } from "zod";
import { AppError } from "../../lib/app-error.js";
import type { Services } from "../../services/create-services.js";
import type { SessionService } from "../../services/session.service.js";
import { authenticate, requireAdmin } from "../middleware/auth.middleware.js";
import { multipartUpload, type Upload } from "../middleware/multipart.middleware.js";
import { authedRoute } from "../route-kit.js";
import { presentContractDetail, presentContractRow } from "../presenters/contract.presenter.js";
import { parseInput } from "../../lib/parse-input.js";

const ImportFields = z.object({
  corpId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be a corpId").optional(),
  startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").optional(),
  force: z.enum(["true", "false"]).optional(),
});
const IdParam = z.object({ id: z.coerce.number().int().positive("must be a contract id") });

/** Contract import (multipart upload) and reading, admin only: /api/v1/contracts. */
export function contractRoutes(services: Services, sessions: SessionService, uploadLimitBytes: number): Router {
  const router = new Router({ prefix: "/api/v1/contracts" });
  router.use(authenticate(sessions), requireAdmin);

  const upload = multipartUpload(uploadLimitBytes);
  router.post(["/", "/import"], upload, async function uploadContract(ctx) {
    const upload = ctx.state.upload as Upload;
    const fields = parseInput(ImportFields, upload.fields, "fields");
    const result = await services.importContract({
      bytes: upload.bytes, fileName: upload.fileName, corpId: fields.corpId, startsOn: fields.startsOn,
      force: fields.force === "true", actor: ctx.state.user.userId,
    });
    ctx.status = result.status === "imported" ? 201 : 200;
    ctx.body = {
      data: {
        status: result.status, contractId: result.contractId, corpId: result.corpId, startsOn: result.startsOn, endsOn: result.endsOn,
        startsOnSource: result.startsOnSource, renewalOfId: result.renewalOfId, warnings: result.document.warnings,
        entitlements: result.document.entitlements.length,
        quotas: result.document.entitlements.reduce((n, e) => n + e.quotas.length, 0),
      },
    };
  });

  router.get("/", async function listContracts(ctx) {
    ctx.body = { data: (await services.listContracts()).map(presentContractRow) };
  });

  router.get("/:id", ...authedRoute({ params: IdParam }, async function showContract(ctx) {
    const graph = await services.contractGraph(ctx.state.input.params.id);
    if (!graph) throw new AppError("not_found", `Contract ${ctx.state.input.params.id} does not exist.`);
    ctx.body = { data: presentContractDetail(graph) };
  }));
  return router;
}
