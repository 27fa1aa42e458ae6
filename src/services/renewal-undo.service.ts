/**
 * 「撤销续费」: takes back the sender's own last renewal declaration on the current contract (renewed, renewing, not
 * renewing) within a window, restoring the status it replaced; reminders follow the restored status at the next sweep.
 */
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import type { ContractStatus } from "../domain/model.js";
import { AppError } from "../lib/app-error.js";
import { requireContractOverview } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";

/** How long after a declaration it can still be taken back. */
export const RENEWAL_UNDO_MINUTES = 60;
const UNDOABLE = new Set(["contract.renewed", "contract.renewing", "contract.not_renewing"]);
const STATUSES = new Set(["active", "renewed", "renewing"]);

/** Restores the contract status before `actor`'s latest renewal declaration; not_found / conflict when there is none to take back. */
export async function undoRenewalDeclaration(deps: ServiceDeps, input: { actor: string }): Promise<{ contractId: number; status: string; undone: string }> {
  const overview = await requireContractOverview(deps, {});
  const c = overview.graph.contract;
  const now = deps.clock.now();
  const audit = new AuditRepository(deps.ds);
  const last = await audit.latestAbout("contract", String(c.id));
  if (!last || !UNDOABLE.has(last.action) || last.actor !== input.actor.slice(0, 128)) {
    throw new AppError("not_found", "You have no renewal declaration to take back on this contract.");
  }
  if (now.getTime() - last.occurredAt.getTime() > RENEWAL_UNDO_MINUTES * 60_000) {
    throw new AppError("conflict", `That declaration is older than ${RENEWAL_UNDO_MINUTES} minutes; declare the right state instead (e.g. 「正在续费」).`);
  }
  const from = String((last.details as { from?: unknown } | null)?.from ?? "");
  const to = String((last.details as { to?: unknown } | null)?.to ?? "");
  if (!STATUSES.has(from) || to !== c.status) throw new AppError("conflict", "The contract changed since that declaration; declare the right state instead.");
  await deps.ds.transaction(async (em) => {
    await new ContractRepository(deps.ds).setStatus(c.id, from as ContractStatus, now, em);
    await audit.record({
      orgId: overview.graph.org.id, actor: input.actor, action: "contract.declaration_undone", subjectType: "contract",
      subjectId: String(c.id), details: { undone: last.action, from: c.status, to: from }, occurredAt: now,
    }, em);
  });
  return { contractId: c.id, status: from, undone: last.action.replace("contract.", "") };
}
