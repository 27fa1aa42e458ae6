import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { positiveIntArg } from "./option-parsers.js";

/**
 * `demo seed`: the synthetic demo org, contract and usage (also done automatically on a first start in demo mode);
 * with `--contracts N [--orgs M]`, N synthetic contracts over M synthetic orgs for load tests.
 */
export function registerDemoCommands(program: Command, ctx: CliContext): void {
  const demo = program.command("demo").description("Synthetic demo data");
  demo
    .command("seed")
    .description("Create a synthetic demo organisation with a contract 30 days from expiry and some usage")
    .option("--if-empty", "do nothing when the database already has an organisation")
    .option("--contracts <n>", "instead, create N synthetic contracts (quotas, usage, clauses) for load tests", positiveIntArg("--contracts"))
    .option("--orgs <m>", "with --contracts: spread them over M synthetic orgs (default: one org per contract)", positiveIntArg("--orgs"))
    .action(async (opts: { ifEmpty?: boolean; contracts?: number; orgs?: number }, cmd: Command) => {
      if (opts.orgs !== undefined && opts.contracts === undefined) cmd.error("error: --orgs needs --contracts <n>.");
      const services = await ctx.services();
      if (opts.contracts !== undefined) {
        if (opts.ifEmpty && !(await services.isEmpty())) return ctx.out("The database is not empty; nothing seeded.");
        const r = await services.seedDemoContracts({ contracts: opts.contracts, orgs: opts.orgs });
        return ctx.out(`Seeded ${r.contracts} synthetic contracts (#${r.firstContractId}–#${r.lastContractId}) over ${r.orgs} orgs in ${(r.ms / 1000).toFixed(1)} s.`);
      }
      const r = await services.seedDemo({ onlyIfEmpty: Boolean(opts.ifEmpty) });
      ctx.out(r.seeded ? `Seeded demo contract #${r.contractId} for ${r.corpId}.` : r.contractId ? `The demo contract is already there (#${r.contractId}).` : "The database is not empty; nothing seeded.");
    });
}
