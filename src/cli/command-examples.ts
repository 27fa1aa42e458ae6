import type { Command } from "commander";

/** Examples shown at the end of each command's `--help`, by command path (`""` is `steward` itself). */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "": ["steward contract import 合同.pdf", "steward contract list", "steward reminders preview", "steward chat --admin"],
  contract: ["steward contract parse 合同.pdf", "steward contract import 合同.pdf --org ding1234", "steward contract show 1"],
  "contract parse": ["steward contract parse 合同.pdf", "steward contract parse 合同.docx --json > contract.json"],
  "contract import": ["steward contract import 合同.pdf", "steward contract import 合同.pdf --org ding1234 --starts-on 2025-03-15", "steward contract import 合同.txt --force"],
  "contract list": ["steward contract list", "DATABASE_URL=sqlite:/srv/steward.sqlite steward contract list"],
  "contract show": ["steward contract show 1", "steward contract show 1 --json"],
  "contract update": ["steward contract update 1 --paid-on 2025-03-20", "steward contract update 1 --invoice-requested-on 2025-03-21 --invoiced-on 2025-03-28"],
  reminders: ["steward reminders preview", "steward reminders run --now 2025-09-01T09:30+08:00 --dry-run", "steward reminders log --status failed"],
  "reminders preview": ["steward reminders preview", "steward reminders preview --contract 1 --from 2025-01-01 --to 2025-03-31", "steward reminders preview --json"],
  "reminders run": ["steward reminders run --dry-run", "steward reminders run --now 2025-09-01T09:30+08:00 --dry-run", "steward reminders run --now 2025-09-01"],
  "reminders log": ["steward reminders log", "steward reminders log --status failed --limit 20", "steward reminders log --contract 1 --json"],
  chat: ["steward chat --admin --name 王管理", "printf '专业版还有多久到期\\n发票开了吗\\n' | steward chat --admin", "steward chat --user emp42", "steward chat --admin --group cid-project"],
  db: ["steward db status", "steward db migrate"],
  "db migrate": ["steward db migrate", "DATABASE_URL=mysql://steward:secret@db.internal:3306/steward steward db migrate"],
  "db status": ["steward db status"],
  "db revert": ["steward db revert"],
  demo: ["steward demo seed --if-empty"],
  "demo seed": ["steward demo seed", "steward demo seed --if-empty", "steward demo seed --contracts 10000 --orgs 100"],
};

/** The path of a command below `steward` (`"contract show"`), `""` for the program itself. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Appends the examples of `cmd` and of its sub-commands to their help. */
export function addExamples(cmd: Command): void {
  const lines = EXAMPLES[commandPath(cmd)];
  if (lines?.length) cmd.addHelpText("after", `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}`);
  for (const sub of cmd.commands) addExamples(sub);
}
