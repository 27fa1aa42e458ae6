/**
 * Contract parsing on hostile text: 1 MB documents built from the patterns that used to make the parser's
 * regexes backtrack quadratically (long runs of 年/：/spaces, thousands of clause numbers, amount keys, product
 * names, one character per line in an annex table). For each: parse time (parseContract on the read text), the
 * same through the worker (read + parse in a worker thread, as uploads go), and a baseline measured in the same
 * run: plain text extraction of the same bytes (readDocument: decode + normalize). Min and median over N runs
 * (at least 3). Goal: parse ≤ 2 s per 1 MB (the upload budget is 10 s).
 *
 *   npx tsx bench/contract-hostile.bench.ts [runs]
 */
import { fileURLToPath } from "node:url";
import { parseContract } from "../src/contract/contract-parser.js";
import { readDocument } from "../src/contract/document-reader.js";
import { parseContractFileInWorker } from "../src/contract/contract-parse-runner.js";
import { median, printTable } from "./bench-kit.js";

const MB = 1024 * 1024;
const GOAL_MS = 2000;
const HEAD = "钉钉专业版服务合同\n甲方：示例科技有限公司\n乙方：钉钉（中国）信息技术有限公司\n";
const ANNEX = "附件：钉钉专业版服务使用规则\n产品类别 产品名称 产品内容 产品规格\n功能类\n保密群\n";

/** `unit` repeated to `bytes` UTF-8 bytes. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));

/** Every hostile pattern once, each about 1/24 MB, in the head, the clauses and the annex table. */
function composite(): string {
  const part = Math.floor(MB / 24);
  const patterns = [
    "年", "：", "【", "1", "总计1", "钉钉专业版 1 ", "(盖章", "每日1", "第1条", "1 天", "|\n", "月\n日\n",
  ];
  const body = patterns.map((p, i) => `${i + 1}. 条款\n${fill(p, part)}\n${i + 1}.1 ${" ".repeat(part / 2)}x`).join("\n");
  const annex = ["直播\n", "1.\n", "DING 1\n", "、a \n"].map((p) => fill(p, part)).join("\n");
  return `${HEAD}甲方${" ".repeat(part)}x\n乙方${" ".repeat(part)}x\n${body}\n${ANNEX}${annex}`;
}

/** The hostile documents measured. */
const CASES: { name: string; text: () => string }[] = [
  { name: "composite: every pattern in head, clauses, annex", text: composite },
  { name: "one character per line in an annex table", text: () => `${HEAD}1. 条款\n${ANNEX}${fill("钉\n", MB)}` },
  { name: "甲方/乙方 + 0.5 MB of spaces each (one line)", text: () => `${HEAD}甲方${" ".repeat(MB / 2)}x\n乙方${" ".repeat(MB / 2)}x\n1. 条款` },
  { name: "1 MB of 年 in one clause", text: () => `${HEAD}1. 条款\n${fill("年", MB)}` },
];

/** One measured case. */
export interface HostileFigure {
  name: string;
  bytes: number;
  runs: number;
  parseMinMs: number;
  parseMedianMs: number;
  workerMinMs: number;
  workerMedianMs: number;
  baselineMinMs: number;
  baselineMedianMs: number;
  ratio: number;
  withinGoal: boolean;
}

async function times(runs: number, fn: () => unknown): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Runs the benchmark and returns its figures (also printed as a table). */
export async function run(runs = 3): Promise<HostileFigure[]> {
  const n = Math.max(3, runs);
  const figures: HostileFigure[] = [];
  for (const c of CASES) {
    const bytes = Buffer.from(c.text());
    const { text } = await readDocument(bytes, "hostile.txt");
    const parse = await times(n, () => {
      try {
        parseContract(text);
      } catch {
        /* a refusal is an outcome too; only the time matters here */
      }
    });
    const worker = await times(n, () => parseContractFileInWorker(bytes, "hostile.txt").catch(() => undefined));
    const baseline = await times(n, () => readDocument(bytes, "hostile.txt"));
    figures.push({
      name: c.name, bytes: bytes.length, runs: n,
      parseMinMs: Math.min(...parse), parseMedianMs: median(parse),
      workerMinMs: Math.min(...worker), workerMedianMs: median(worker),
      baselineMinMs: Math.min(...baseline), baselineMedianMs: median(baseline),
      ratio: median(parse) / Math.max(median(baseline), 1e-6),
      withinGoal: median(parse) <= GOAL_MS,
    });
  }
  const ms = (x: number) => Number(x.toFixed(0));
  printTable(`contract parse on hostile text, ${n} runs each (node ${process.version}); goal: parse ≤ ${GOAL_MS} ms per MB`, figures.map((f) => ({
    case: f.name, MB: Number((f.bytes / MB).toFixed(2)),
    "parse min": ms(f.parseMinMs), "parse median": ms(f.parseMedianMs),
    "worker min": ms(f.workerMinMs), "worker median": ms(f.workerMedianMs),
    "extract min": ms(f.baselineMinMs), "extract median": ms(f.baselineMedianMs),
    ratio: `${f.ratio.toFixed(0)}×`, goal: f.withinGoal ? "✓" : "✗",
  })));
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run(Number(process.argv[2] ?? 3));
}
