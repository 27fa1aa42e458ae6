import { basename } from "node:path";
import type { Command } from "commander";
import { parseContractFileInWorker, readContractFile, summarizeContract, formatYuan } from "../contract/index.js";
import { AppError, isAppError } from "../lib/app-error.js";
import type { CliContext } from "./cli-context.js";
import { presentStoredContract } from "./stored-contract.presenter.js";

const SOURCE_TEXT: Record<string, string> = {
  option: "起始日取自 --starts-on",
  contract: "起止日取自合同写明的服务期限，可用 --starts-on 修改",
  renewal: "续约：起始日接续上一份合同的到期日，可用 --starts-on 修改",
  signing: "起始日取自签署日期，可用 --starts-on 修改",
  today: "合同未写签署日期，起始日取今天，可用 --starts-on 修改",
};

/** `contract parse | import | list | show | update`: the contract side of the operator CLI. */
export function registerContractCommands(program: Command, ctx: CliContext): void {
  const contract = program.command("contract").description("Parse, import and inspect contracts");

  contract
    .command("parse <file>")
    .description("Parse a contract (PDF, DOCX or text) and print what was understood; never touches the database")
    .option("--json", "print the public contract JSON (schemaVersion 1) instead of a summary")
    .action(async (file: string, opts: { json?: boolean }) => {
      try {
        const { document } = await parseContractFileInWorker(await readContractFile(file), basename(file));
        ctx.out(opts.json ? JSON.stringify(document, null, 2) : summarizeContract(document));
      } catch (err) {
        if (opts.json && isAppError(err)) ctx.out(JSON.stringify({ error: { code: err.code, message: err.message } }));
        throw err;
      }
    });

  contract
    .command("import <file>")
    .description("Parse and store a contract in one transaction (the same document again changes nothing)")
    .option("--org <corpId>", "the organisation's DingTalk corpId (default: DINGTALK_CORP_ID, else the only org)")
    .option("--starts-on <date>", "service start date YYYY-MM-DD (default: renewal continuation, else signing date, else today)")
    .option("--force", "import despite an amount mismatch or a missing annex table")
    .action(async (file: string, opts: { org?: string; startsOn?: string; force?: boolean }) => {
      const bytes = await readContractFile(file);
      const services = await ctx.services();
      const r = await services.importContract({ bytes, fileName: basename(file), corpId: opts.org, startsOn: opts.startsOn, force: opts.force, actor: "cli" });
      const d = r.document;
      if (r.status === "already_imported") {
        ctx.out(`ℹ️ 已导入过（合同 #${r.contractId}，${r.corpId}），本次未做任何更改。 Already imported; nothing changed.`);
        return;
      }
      const words = d.amount?.words ? `（${d.amount.words} ${d.amount.wordsFen === d.amount.fen ? "✓" : "✗"}）` : "";
      ctx.out(`✅ 已导入《${d.title ?? "合同"}》 · ${d.product ?? "钉钉专业版"} · ${d.amount ? formatYuan(d.amount.fen) : "金额未识别"}${words} → 合同 #${r.contractId}（${r.corpId}）`);
      ctx.out(`服务期 ${r.startsOn} → ${r.endsOn ?? "?"}（${d.termMonths ?? "?"} 个月，${SOURCE_TEXT[r.startsOnSource ?? "option"]}）`);
      if (r.renewalOfId) ctx.out(`续约：已关联为合同 #${r.renewalOfId} 的续约，原合同的续费与数据提醒停止。`);
      const quotas = d.entitlements.reduce((n, e) => n + e.quotas.length, 0);
      ctx.out(`识别到 ${d.entitlements.length} 项权益、${quotas} 项额度${d.warnings.length ? "；" : "。"}${d.warnings.map((w) => `⚠️ ${w.message}`).join("；")}`);
    });

  contract
    .command("list")
    .description("List stored contracts, newest first")
    .action(async () => {
      const rows = await (await ctx.services()).listContracts();
      if (rows.length === 0) return ctx.out("No contracts yet. Import one: npm run cli -- contract import 合同.pdf");
      for (const c of rows) {
        ctx.out(`#${c.id}  ${c.status.padEnd(10)} ${c.startsOn ?? "?"} → ${c.endsOn ?? "?"}  ${c.amountFen != null ? formatYuan(c.amountFen) : "-"}  ${c.customerName ?? ""}  (${c.docName})`);
      }
    });

  contract
    .command("show <id>")
    .description("Show a stored contract: the same summary as `contract parse`, plus its dates and payment/invoice records")
    .option("--json", "print the stored contract, entitlements and quotas as JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n <= 0) throw new AppError("invalid_input", `"${id}" is not a contract id; see \`contract list\`.`);
      const g = await (await ctx.services()).contractGraph(n);
      if (!g) throw new AppError("not_found", `Contract ${n} does not exist; see \`contract list\`.`);
      if (opts.json) return ctx.out(JSON.stringify({ contract: g.contract, entitlements: g.entitlements, quotas: g.quotas, clauses: g.clauses.length }, null, 2));
      ctx.out(presentStoredContract(g));
    });

  contract
    .command("update <id>")
    .description("Record payment / invoice dates or correct the start date")
    .option("--paid-on <date>", "date the contract was paid")
    .option("--invoice-requested-on <date>", "date the invoice was requested")
    .option("--invoiced-on <date>", "date the invoice was received")
    .option("--starts-on <date>", "corrected service start date (the end date follows the term)")
    .action(async (id: string, opts: { paidOn?: string; invoiceRequestedOn?: string; invoicedOn?: string; startsOn?: string }) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n <= 0) throw new AppError("invalid_input", `"${id}" is not a contract id; see \`contract list\`.`);
      const r = await (await ctx.services()).updateContractDates({ contractId: n, actor: "cli", dates: opts });
      ctx.out(`Updated contract #${r.contractId}: ${r.changed.join(", ")}.`);
    });
}
