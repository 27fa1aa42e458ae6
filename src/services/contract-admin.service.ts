import { z } from "zod";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { businessDate, daysBetween, isIsoDate } from "../domain/business-calendar.js";
import { startDatePlausibility, termEndsOn } from "../domain/contract-timeline.js";
import { AppError } from "../lib/app-error.js";
import { requireContractOverview } from "./contract-overview.service.js";
import type { ServiceDeps } from "./service-deps.js";
import { parseInput } from "../lib/parse-input.js";

const date = z.string().refine(isIsoDate, "must be a date YYYY-MM-DD");

/** Dates an admin reports after the fact: payment made, invoice requested/received, service start corrected. */
export const ContractDatesInput = z
  .object({
    paidOn: date.nullable().optional(),
    invoiceRequestedOn: date.nullable().optional(),
    invoicedOn: date.nullable().optional(),
    startsOn: date.optional(),
  })
  .strict()
  .refine((d) => Object.keys(d).length > 0, "give at least one date to change");

/** Records payment/invoice dates or a corrected start date (the end date follows the term). Audited. */
export async function updateContractDates(
  deps: ServiceDeps,
  input: { contractId: number; actor: string; dates: z.input<typeof ContractDatesInput> },
): Promise<{ contractId: number; changed: string[] }> {
  const dates = parseInput(ContractDatesInput, input.dates, "dates");
  const o = await requireContractOverview(deps, { contractId: input.contractId });
  const c = o.graph.contract;
  const d = dates;
  const patch: Record<string, string | null> = { ...d };
  if (d.startsOn) {
    patch.endsOn = c.termMonths ? termEndsOn(d.startsOn, c.termMonths) : c.endsOn;
    patch.startsOnSource = "manual";
  }
  const paid = d.paidOn !== undefined ? d.paidOn : c.paidOn;
  const invoiced = d.invoicedOn !== undefined ? d.invoicedOn : c.invoicedOn;
  if (paid && c.signedOn && daysBetween(c.signedOn, paid) < 0) throw new AppError("invalid_input", `paidOn ${paid} is before the signing date ${c.signedOn}; check the date.`);
  if (invoiced && paid && c.invoiceTerms?.from === "payment" && daysBetween(paid, invoiced) < 0) {
    throw new AppError("invalid_input", `invoicedOn ${invoiced} is before the payment on ${paid}; check the dates.`);
  }
  const requested = d.invoiceRequestedOn !== undefined ? d.invoiceRequestedOn : c.invoiceRequestedOn;
  if (invoiced && requested && daysBetween(requested, invoiced) < 0) {
    throw new AppError("invalid_input", `invoicedOn ${invoiced} is before the invoice was requested on ${requested}; an invoice is issued after it is asked for. Check the dates.`);
  }
  if (d.startsOn && startDatePlausibility(d.startsOn, businessDate(deps.clock.now(), deps.config.timezone)) === "absurd") {
    throw new AppError("invalid_input", `--starts-on ${d.startsOn} cannot be the start of a DingTalk contract; check the date (YYYY-MM-DD).`);
  }
  const now = deps.clock.now();
  await new ContractRepository(deps.ds).setDates(c.id, patch, now);
  await new AuditRepository(deps.ds).record({
    orgId: o.graph.org.id, actor: input.actor, action: "contract.dates_updated", subjectType: "contract", subjectId: String(c.id),
    details: patch, occurredAt: now,
  });
  return { contractId: c.id, changed: Object.keys(patch) };
}
