import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";

/** The schema tools, imported when a `db` command runs (they pull in TypeORM). */
const dataSource = () => import("../db/data-source.js");

/** `db migrate | status | revert`: schema management for operators. */
export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program.command("db").description("Database schema: migrate, status, revert");
  db.command("migrate")
    .description("Apply pending migrations (also done automatically at start)")
    .action(async () => {
      const ds = await ctx.rawDataSource();
      const applied = await (await dataSource()).migrate(ds);
      ctx.out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date; nothing to apply.");
    });
  db.command("status")
    .description("List applied and pending migrations and any drift between schema and code")
    .action(async () => {
      const ds = await ctx.rawDataSource();
      const { migrationStatus, schemaDiff } = await dataSource();
      const { applied, pending } = await migrationStatus(ds);
      for (const n of applied) ctx.out(`  applied  ${n}`);
      for (const n of pending) ctx.out(`  pending  ${n}`);
      if (pending.length === 0) {
        const drift = await schemaDiff(ds);
        ctx.out(drift.length ? `Schema drift (${drift.length} statement(s)):\n${drift.join(";\n")}` : "Schema matches the code.");
      } else ctx.out(`${pending.length} pending: run \`npm run cli -- db migrate\`.`);
    });
  db.command("revert")
    .description("Roll back the most recent migration")
    .action(async () => {
      const ds = await ctx.rawDataSource();
      await (await dataSource()).revertLastMigration(ds);
      ctx.out("Reverted the most recent migration.");
    });
}
