import type { Clause, DeadlineTerm, EntitlementCategory, IsoDate, QuotaTerm } from "./model.js";

/**
 * The parsed contract, exactly the public JSON of `contract parse --json` (spec/contract-json.md,
 * schemaVersion 1). Fields may be added; existing ones keep their names, types and meaning.
 */
export interface ContractDocument {
  schemaVersion: 1;
  format: string;
  title: string | null;
  product: string | null;
  edition: string | null;
  customer: { name: string } | null;
  vendors: { name: string }[];
  amount: { fen: number; currency: "CNY"; words: string | null; wordsFen: number | null } | null;
  termMonths: number | null;
  /** The service period written in the text ("服务期限：自…起至…止"), inclusive dates; absent when the text has none. */
  servicePeriod?: { startsOn: IsoDate; endsOn: IsoDate } | null;
  signedOn: IsoDate | null;
  deadlines: { payment: DeadlineTerm | null; invoice: DeadlineTerm | null };
  entitlements: EntitlementDoc[];
  clauses: Clause[];
  warnings: ParseWarning[];
  /** Where each extracted field came from, e.g. `{ "amount": "2.1", "deadlines.invoice": "2.3" }` (clause refs). */
  sources?: Record<string, string>;
}

/** One row of the annex table, matched to the entitlement catalog. */
export interface EntitlementDoc {
  code: string;
  name: string;
  category: EntitlementCategory;
  description: string;
  quotas: QuotaTerm[];
  /** The spec cell as written, for display. */
  spec?: string;
}

/** A doubt the parser had; the parse still succeeded. */
export interface ParseWarning {
  code: string;
  message: string;
}
