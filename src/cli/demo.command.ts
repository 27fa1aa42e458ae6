import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";

/** `demo seed`: the synthetic demo org, contract and usage (also done automatically on a first start in demo mode). */
export function registerDemoCommands(program: Command, ctx: CliContext): void {
  const demo = program.command("demo").description("Synthetic demo data");
  demo
    .command("seed")
    .description("Create a synthetic demo organisation with a contract 30 days from expiry and some usage")
    .option("--if-empty", "do nothing when the database already has an organisation")
    .action(async (opts: { ifEmpty?: boolean }) => {
      const r = await (await ctx.services()).seedDemo({ onlyIfEmpty: Boolean(opts.ifEmpty) });
      ctx.out(r.seeded ? `Seeded demo contract #${r.contractId} for ${r.corpId}.` : r.contractId ? `The demo contract is already there (#${r.contractId}).` : "The database is not empty; nothing seeded.");
    });
}
