#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { projectPath } from "./config/project-paths.js";
import { isAppError } from "./lib/app-error.js";
import { isMainModule } from "./lib/main-module.js";
import type { CliContext } from "./cli/cli-context.js";
import { addExamples } from "./cli/command-examples.js";
import { namedGroup, registerGroups } from "./cli/command-groups.js";
import { lazyCliContext } from "./cli/lazy-context.js";
import { checkDateOptions } from "./cli/option-parsers.js";

/** The steward's version, from package.json. */
function version(): string {
  return (JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { version: string }).version;
}

/**
 * Builds the operator CLI (`steward --help`). With `argv`, only the top-level command it names is loaded in full (the
 * others are listed in `--help` by name); without, every command is.
 */
export async function buildCli(ctx: CliContext, argv?: readonly string[]): Promise<Command> {
  const program = new Command("steward")
    .description("DingTalk Pro Steward: contracts, quotas, reminders and the bot, from the command line")
    .version(version(), "-V, --version", "print the version and exit")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) });
  await registerGroups(program, ctx, argv ? (namedGroup(argv) ?? "") : undefined);
  checkDateOptions(program);
  addExamples(program);
  return program;
}

/**
 * Runs the CLI with argv; returns the exit code (0 ok, 1 failure, 2 usage or config error). Never throws. Without a
 * context (the `steward` process), `.env`, the config and the database modules load only when a command runs.
 */
export async function runCli(argv: string[], ctx?: CliContext): Promise<number> {
  const lazy = ctx ? undefined : lazyCliContext();
  const context = ctx ?? lazy!.ctx;
  try {
    const program = await buildCli(context, argv);
    if (lazy) program.hook("preAction", () => lazy.load());
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if ((err as Error).name === "ConfigError") {
      context.err((err as Error).message);
      return 2;
    }
    if (isAppError(err)) {
      context.err(`error [${err.code}]: ${err.message}`);
      return 1;
    }
    context.err(`error: ${(err as Error).stack ?? String(err)}`);
    return 1;
  } finally {
    await context.close();
  }
}

if (isMainModule(import.meta.url)) runCli(process.argv.slice(2)).then((code) => process.exit(code));
