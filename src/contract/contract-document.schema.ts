/**
 * Zod schema of the public ContractDocument JSON (spec/contract-json.md, schemaVersion 1), for validating a
 * document at a boundary (import of a saved JSON, tests).
 */
import { z } from "zod";
import { CLAUSE_TAGS, QUOTA_PERIODS, QUOTA_UNITS } from "../domain/model.js";

const deadline = z.object({
  within: z.object({ value: z.number().positive(), unit: z.enum(["day", "working_day", "month"]) }),
  from: z.enum(["signing", "payment", "request", "start"]),
  latePenaltyRatePerDay: z.number().min(0).max(1).nullable().optional(),
});

/** Validates a ContractDocument (extra fields are allowed: the JSON may grow). */
export const contractDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  format: z.string().min(1),
  title: z.string().nullable(),
  product: z.string().nullable(),
  edition: z.string().nullable(),
  customer: z.object({ name: z.string().min(1) }).nullable(),
  vendors: z.array(z.object({ name: z.string().min(1) })),
  amount: z
    .object({
      fen: z.number().int().nonnegative(),
      currency: z.literal("CNY"),
      words: z.string().nullable(),
      wordsFen: z.number().int().nonnegative().nullable(),
    })
    .nullable(),
  termMonths: z.number().int().min(1).max(120).nullable(),
  servicePeriod: z.object({ startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), endsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).nullable().optional(),
  signedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  deadlines: z.object({ payment: deadline.nullable(), invoice: deadline.nullable() }),
  entitlements: z.array(
    z.object({
      code: z.string().min(1),
      name: z.string().min(1),
      category: z.enum(["feature", "service", "benefit"]),
      description: z.string(),
      quotas: z.array(
        z.object({ metric: z.string().min(1), limit: z.number().nonnegative(), unit: z.enum(QUOTA_UNITS), period: z.enum(QUOTA_PERIODS) }),
      ),
      spec: z.string().optional(),
    }),
  ),
  clauses: z.array(z.object({ part: z.enum(["body", "annex"]), ref: z.string().min(1), text: z.string(), tags: z.array(z.enum(CLAUSE_TAGS)) })),
  warnings: z.array(z.object({ code: z.string().min(1), message: z.string().min(1) })),
  sources: z.record(z.string(), z.string()).optional(),
});
