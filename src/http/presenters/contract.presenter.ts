import type { ContractEntity, ContractGraph } from "../../services/contract-overview.service.js";

/** A contract in a list: identity, parties, money, term and status only. */
export function presentContractRow(c: ContractEntity) {
  return {
    id: c.id, orgId: c.orgId, title: c.title, product: c.product, customer: c.customerName, vendors: c.vendors, amountFen: c.amountFen,
    startsOn: c.startsOn, endsOn: c.endsOn, termMonths: c.termMonths, status: c.status, renewalOfId: c.renewalOfId,
    docName: c.docName, importedAt: c.createdAt.toISOString(),
  };
}

/** A contract with its entitlements, quotas, clauses and the parser's warnings (never the raw document text). */
export function presentContractDetail(g: ContractGraph) {
  return {
    ...presentContractRow(g.contract),
    org: { corpId: g.org.corpId, name: g.org.name },
    amountWords: g.contract.amountWords,
    signedOn: g.contract.signedOn,
    startsOnSource: g.contract.startsOnSource,
    deadlines: { payment: g.contract.paymentTerms, invoice: g.contract.invoiceTerms },
    paidOn: g.contract.paidOn, invoiceRequestedOn: g.contract.invoiceRequestedOn, invoicedOn: g.contract.invoicedOn,
    entitlements: g.entitlements.map((e) => ({
      code: e.code, name: e.name, category: e.category, description: e.description, spec: e.spec,
      quotas: g.quotas.filter((q) => q.entitlementId === e.id).map((q) => ({ metric: q.metric, limit: q.quotaLimit, unit: q.unit, period: q.period })),
    })),
    clauses: g.clauses.map((c) => ({ part: c.part, ref: c.ref, text: c.text, tags: c.tags })),
    warnings: g.contract.source.warnings,
  };
}
