import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";

/** Registers a top-level command (and its sub-commands) on the program. */
export type RegisterCommands = (program: Command, ctx: CliContext) => void;

/** A top-level command: its name and summary for `steward --help`, and the module that defines it in full. */
export interface CommandGroup {
  name: string;
  /** The one-line description `steward --help` lists; the same as the full command's (a test keeps them equal). */
  summary: string;
  load(): Promise<RegisterCommands>;
}

/**
 * Every top-level command, in help order. Only the one named on the command line is imported (each pulls in its
 * own dependencies: the contract parser, the bot pipeline…); the others are listed by name and summary only.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { name: "db", summary: "Database schema: migrate, status, revert", load: async () => (await import("./db.command.js")).registerDbCommands },
  { name: "reminders", summary: "Reminders: the timeline of notices, one sweep, the delivery log", load: async () => (await import("./reminders.command.js")).registerReminderCommands },
  { name: "contract", summary: "Parse, import and inspect contracts", load: async () => (await import("./contract.command.js")).registerContractCommands },
  { name: "demo", summary: "Synthetic demo data", load: async () => (await import("./demo.command.js")).registerDemoCommands },
  { name: "chat", summary: "Ask the bot questions offline: the same pipeline as in DingTalk, replies printed here", load: async () => (await import("./chat.command.js")).registerChatCommand },
];

/** The top-level command an argument list names (`contract list` → contract, `help db` → db), if any. */
export function namedGroup(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

/**
 * Registers the top-level commands: in full those in `load` (all when undefined), the others as placeholders that
 * only show up in `steward --help` (their group is loaded whenever the command line names them).
 */
export async function registerGroups(program: Command, ctx: CliContext, load?: string): Promise<void> {
  for (const group of COMMAND_GROUPS) {
    if (load === undefined || load === group.name) (await group.load())(program, ctx);
    else program.command(group.name).description(group.summary);
  }
}
