#!/usr/bin/env -S node --import tsx
import "reflect-metadata";
import { Command, CommanderError } from "commander";
import { pathToFileURL } from "node:url";
import { ConfigError, loadEnvFile } from "./config/index.js";
import { isAppError } from "./lib/app-error.js";
import { createCliContext, type CliContext } from "./cli/cli-context.js";
import { registerDbCommands } from "./cli/db.command.js";
import { registerReminderCommands } from "./cli/reminders.command.js";
import { registerContractCommands } from "./cli/contract.command.js";
import { registerDemoCommands } from "./cli/demo.command.js";
import { registerChatCommand } from "./cli/chat.command.js";

/** Builds the operator CLI (`npm run cli -- --help`). */
export function buildCli(ctx: CliContext): Command {
  const program = new Command("steward")
    .description("DingTalk Pro Steward: contracts, quotas, reminders and the bot, from the command line")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) });
  registerDbCommands(program, ctx);
  registerReminderCommands(program, ctx);
  registerContractCommands(program, ctx);
  registerDemoCommands(program, ctx);
  registerChatCommand(program, ctx);
  return program;
}

/** Runs the CLI with argv; returns the exit code (0 ok, 1 failure, 2 usage or config error). Never throws. */
export async function runCli(argv: string[], ctx: CliContext = createCliContext()): Promise<number> {
  const program = buildCli(ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof ConfigError) {
      ctx.err(err.message);
      return 2;
    }
    if (isAppError(err)) {
      ctx.err(`error [${err.code}]: ${err.message}`);
      return 1;
    }
    ctx.err(`error: ${(err as Error).stack ?? String(err)}`);
    return 1;
  } finally {
    await ctx.close();
  }
}

/** Reads `.env` in the working directory (variables already set win) and says so on stderr; exit 2 if unreadable. */
function readEnvFileOrExit(): void {
  try {
    const file = loadEnvFile();
    if (file) process.stderr.write(`steward: read environment variables from ${file} (variables already set win)\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  readEnvFileOrExit();
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
