/**
 * Contract parse time per document: median and p95 over N runs for text, PDF and DOCX fixtures, each with a
 * baseline measured in the same run (a normalize-only pass: split lines, trim; for files also the raw read) and
 * the ratio to it. Goals: median ≤ 20 ms for text, ≤ 200 ms for PDF.
 *
 *   npx tsx bench/contract-parse.bench.ts [runs]
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseContract } from "../src/contract/contract-parser.js";
import { readDocument } from "../src/contract/document-reader.js";
import { median, percentile, printTable } from "./bench-kit.js";

const DIR = new URL("../test/fixtures/contracts/", import.meta.url);

/** One measured case. */
export interface BenchFigure {
  name: string;
  runs: number;
  minMs: number;
  medianMs: number;
  p95Ms: number;
  baselineMedianMs: number;
  ratio: number;
  goalMs: number;
  withinGoal: boolean;
}

async function measure(runs: number, fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

const baselineText = (text: string) => text.split("\n").map((l) => l.trim()).filter((l) => l !== "").length;

/** Runs the benchmark and returns its figures (also printed as a table). */
export async function run(runs = 50): Promise<BenchFigure[]> {
  const cases: { name: string; file: string; goalMs: number; kind: "text" | "file" }[] = [
    { name: "text  direct-basic.txt (parse)", file: "direct-basic.txt", goalMs: 20, kind: "text" },
    { name: "text  reseller-basic.txt (parse)", file: "reseller-basic.txt", goalMs: 20, kind: "text" },
    { name: "text  direct-basic.gbk.txt (read+parse)", file: "direct-basic.gbk.txt", goalMs: 20, kind: "file" },
    { name: "pdf   direct-basic.pdf (read+parse)", file: "direct-basic.pdf", goalMs: 200, kind: "file" },
    { name: "pdf   reseller-basic.pdf (read+parse)", file: "reseller-basic.pdf", goalMs: 200, kind: "file" },
    { name: "docx  reseller-basic.docx (read+parse)", file: "reseller-basic.docx", goalMs: 200, kind: "file" },
  ];
  const figures: BenchFigure[] = [];
  for (const c of cases) {
    const bytes = readFileSync(new URL(c.file, DIR));
    const text = bytes.toString("utf8");
    const times = c.kind === "text"
      ? await measure(runs, () => parseContract(text))
      : await measure(runs, async () => parseContract((await readDocument(bytes, c.file)).text));
    const base = c.kind === "text"
      ? await measure(runs, () => baselineText(text))
      : await measure(runs, () => baselineText(new TextDecoder("utf-8").decode(bytes)));
    const medianMs = median(times);
    const baselineMedianMs = median(base);
    figures.push({
      name: c.name, runs, minMs: Math.min(...times), medianMs, p95Ms: percentile(times, 95), baselineMedianMs,
      ratio: medianMs / Math.max(baselineMedianMs, 1e-6), goalMs: c.goalMs, withinGoal: medianMs <= c.goalMs,
    });
  }
  const ms = (n: number) => Number(n.toFixed(2));
  printTable(`contract parse, ${runs} runs each (node ${process.version}); baseline: split lines and trim (files: also the raw read)`, figures.map((x) => ({
    case: x.name.replace(/\s+/g, " "), "min ms": ms(x.minMs), "median ms": ms(x.medianMs), "p95 ms": ms(x.p95Ms), "baseline median ms": ms(x.baselineMedianMs),
    ratio: `${x.ratio.toFixed(0)}×`, goal: `≤ ${x.goalMs} ms ${x.withinGoal ? "✓" : "✗"}`,
  })));
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run(Number(process.argv[2] ?? 50));
}
