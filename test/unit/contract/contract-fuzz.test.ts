import { describe, expect, it } from "vitest";
import { parseContract } from "../../../src/contract/contract-parser.js";
import { readDocument } from "../../../src/contract/document-reader.js";
import { contractDocumentSchema } from "../../../src/contract/contract-document.schema.js";
import { isAppError } from "../../../src/lib/app-error.js";
import { fixtureBytes, fixtureText } from "./fixture-files.js";

/** Seeded PRNG (mulberry32): the same mutations on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ["甲方：", "乙方一：", "附件：", "产品名称\t产品规格", "\t", "  ", "１", "元", "壹", "万", "个月内", "。", "\n", "**", "|", "2.1.", "第三条", "各", "/", "%", "\u0000", "\uFFFD", "🙂"];

function mutateText(text: string, rnd: () => number): string {
  let lines = text.split("\n");
  const pick = () => Math.floor(rnd() * Math.max(1, lines.length));
  const ops = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < ops; i++) {
    const op = Math.floor(rnd() * 7);
    const at = pick();
    if (op === 0) lines.splice(at, 1 + Math.floor(rnd() * 5));
    else if (op === 1) lines.splice(at, 0, ...lines.slice(at, at + 1 + Math.floor(rnd() * 4)));
    else if (op === 2) [lines[at], lines[pick()]] = [lines[pick()] ?? "", lines[at] ?? ""];
    else if (op === 3) {
      const l = lines[at] ?? "";
      const pos = Math.floor(rnd() * (l.length + 1));
      lines[at] = l.slice(0, pos) + NOISE[Math.floor(rnd() * NOISE.length)] + l.slice(pos);
    } else if (op === 4) lines = lines.slice(0, pick());
    else if (op === 5) lines[at] = String.fromCharCode(...Array.from({ length: 1 + Math.floor(rnd() * 20) }, () => Math.floor(rnd() * 0x9fff)));
    else lines[at] = (lines[at] ?? "").split("").reverse().join("");
  }
  return lines.join("\n");
}

const TEXTS = ["direct-basic.txt", "direct-variant.txt", "reseller-basic.txt", "reseller-pipe.txt", "reseller-no-annex.txt"].map(fixtureText);

describe("fuzz: mutated contracts give a valid document or an AppError, nothing else", () => {
  it("parseContract survives 3000 text mutations", () => {
    const rnd = prng(20240523);
    const outcomes = { ok: 0, refused: 0 };
    for (let i = 0; i < 3000; i++) {
      const text = mutateText(TEXTS[i % TEXTS.length], rnd);
      try {
        const doc = parseContract(text);
        const check = contractDocumentSchema.safeParse(doc);
        if (!check.success) throw new Error(`invalid document at iteration ${i}: ${check.error.message}`);
        outcomes.ok++;
      } catch (err) {
        if (!isAppError(err)) throw err;
        outcomes.refused++;
      }
    }
    expect(outcomes.ok).toBeGreaterThan(1000);
    expect(outcomes.ok + outcomes.refused).toBe(3000);
  });

  it("readDocument + parseContract survive 300 byte-level mutations of text, PDF and DOCX", async () => {
    const rnd = prng(7);
    const sources = ["direct-basic.txt", "direct-basic.gbk.txt", "reseller-basic.pdf", "reseller-basic.docx"].map(fixtureBytes);
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(sources[i % sources.length]);
      const op = Math.floor(rnd() * 3);
      let mutated: Buffer;
      if (op === 0) mutated = bytes.subarray(0, Math.floor(rnd() * bytes.length));
      else if (op === 1) {
        mutated = Buffer.from(bytes);
        for (let k = 0; k < 1 + Math.floor(rnd() * 50); k++) mutated[Math.floor(rnd() * mutated.length)] = Math.floor(rnd() * 256);
      } else mutated = Buffer.from(Array.from({ length: Math.floor(rnd() * 4096) }, () => Math.floor(rnd() * 256)));
      try {
        const { text } = await readDocument(mutated, `fuzz-${i}`);
        expect(contractDocumentSchema.safeParse(parseContract(text)).success).toBe(true);
      } catch (err) {
        if (!isAppError(err)) throw new Error(`iteration ${i} (op ${op}) threw a non-AppError: ${String(err)}`);
      }
    }
  });
});
