#!/usr/bin/env node
// Lint: the one-way dependency rule of src/ as the README's Architecture table states it (the table is the one
// source: this script reads it), plus small style rules: kebab-case file names, files under ~300 lines (hard stop
// at 400), a JSDoc line on every export, no commented-out code. Every relative import (static, dynamic, side-effect,
// createRequire) is resolved to its layer and checked; domain code may not use the clock, randomness or I/O; src/
// never imports test/; the page imports no server code; tests never read ../shared.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(process.argv[2] ?? new URL("..", import.meta.url).pathname);
const problems = [];

/** Which layers each layer may import (besides itself), read from the README's "may import" table. */
function readRules() {
  const readme = statSync(join(root, "README.md"), { throwIfNoEntry: false }) ? readFileSync(join(root, "README.md"), "utf8") : "";
  const at = readme.indexOf("| folder | role | may import |");
  if (at < 0) {
    problems.push("README.md: no layer table (| folder | role | may import |) under Architecture; the lint reads its rules from it");
    return {};
  }
  const rules = {};
  for (const line of readme.slice(at).split("\n").slice(2)) {
    if (!line.startsWith("|")) break;
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    const layers = [...cells[0].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, "").replace(/^(main|cli)\.ts$/, "main"));
    const may = cells[2] === "—" ? [] : cells[2] === "everything" ? ["*"] : cells[2].split(",").map((x) => x.trim());
    for (const layer of layers) rules[layer] = may;
  }
  return rules;
}
const ALLOWED = readRules();

/** Packages that mean I/O or persistence, forbidden in the pure domain. */
const DOMAIN_FORBIDDEN_PKGS = /^(node:(fs|net|http|https|child_process|dgram|dns|tls|module)|fs|module|typeorm|mysql2|better-sqlite3|koa|@koa\/|dingtalk-stream|@alicloud\/|pino|node-cron|ws)(\/|$)/;
/** Edges and the DingTalk layer must not reach into the ORM directly. */
const ORM_PKGS = /^(typeorm|mysql2|better-sqlite3)(\/|$)/;
/** Where the domain would read the clock or randomness instead of taking them as parameters. */
const DOMAIN_IMPURE = [
  [/Date\.now\(\)|new Date\(\s*\)|new Date\b(?!\s*\()/, "read the clock (take `now` as a parameter)"],
  [/performance\.now\(\)/, "read the clock (performance.now(); take timings as parameters)"],
  [/Math\.random\(\)/, "use randomness (Math.random(); take a random source as a parameter)"],
];

function layerOf(file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === "migrations") return "migrations";
  if (rel[0] === "mini-app") return "page";
  if (rel[0] === "test" || rel[0] === "bench") return "test";
  if (rel[0] !== "src") return null;
  if (rel.length === 2) return rel[1] === "main.ts" || rel[1] === "cli.ts" ? "main" : "lib";
  return rel[1];
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === "node_modules" || name === "dist" || name === "fixtures") return [];
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const optional = (dir) => (statSync(join(root, dir), { throwIfNoEntry: false }) ? walk(join(root, dir)) : []);

/** Every module specifier a file loads: static and dynamic imports, re-exports, side-effect imports, createRequire. */
function specifiers(text) {
  const found = [];
  const patterns = [
    /(?:^|\n)\s*(import|export)\s[^;]*?from\s+["']([^"']+)["']/g,
    /(?:^|\n)\s*(import)\s+["']([^"']+)["']/g,
    /(import)\(\s*["']([^"']+)["']\s*\)/g,
    /(require)(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g,
  ];
  // a function made by createRequire may have any name: take every call with a relative path in such a file
  if (/\bcreateRequire\b/.test(text)) patterns.push(/\b([\w$]+)(?:\.resolve)?\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g);
  for (const re of patterns) for (const m of text.matchAll(re)) found.push({ spec: m[2], typeOnly: /^\s*(import|export)\s+type\b/.test(m[0].trimStart()) });
  return found;
}

function checkImports(file, rel, from, text) {
  for (const { spec, typeOnly } of specifiers(text)) {
    if (spec.startsWith(".")) {
      const target = layerOf(resolve(dirname(file), spec));
      if (from === "test") {
        if (/(^|\/)shared\//.test(spec) && resolve(dirname(file), spec).startsWith(resolve(root, "..", "shared"))) problems.push(`${rel}: tests may not read ../shared (${spec}); use the synthetic fixtures`);
        continue;
      }
      if (target === "test") { problems.push(`${rel}: '${from}' may not import test code (${spec})`); continue; }
      if (from === "page") { if (target !== "page") problems.push(`${rel}: the page may not import server code (${spec})`); continue; }
      if (target === "page" && typeOnly && spec.endsWith("/api-types.js")) continue;
      if (!target || target === from || from === "main") continue;
      if (!(ALLOWED[from] ?? []).includes(target) && !(ALLOWED[from] ?? []).includes("*")) problems.push(`${rel}: layer '${from}' may not import '${target}' (${spec})`);
    } else {
      if (from === "domain" && DOMAIN_FORBIDDEN_PKGS.test(spec)) problems.push(`${rel}: domain is pure; it may not import '${spec}'`);
      if (["http", "bot", "jobs", "dingtalk", "domain", "contract"].includes(from) && ORM_PKGS.test(spec) && !typeOnly)
        problems.push(`${rel}: '${from}' may not use the ORM/driver '${spec}' (go through services)`);
    }
  }
}

function checkStyle(rel, from, text) {
  const lines = text.split("\n");
  if (lines.length > 400) problems.push(`${rel}: ${lines.length} lines; split it (files stay under ~300 lines)`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9-]+)*\.ts$/.test(rel.split(sep).pop())) problems.push(`${rel}: file names are kebab-case`);
  if (/^\s*\/\/\s*(const|let|if|for|return|await|import)\b/m.test(text)) problems.push(`${rel}: commented-out code`);
  if (from === "test") return;
  lines.forEach((line, i) => {
    if (!/^export (async )?(function|class|const|let|interface|type|enum|abstract class)\b/.test(line) || /^export type \{/.test(line)) return;
    let j = i - 1;
    while (j >= 0 && (lines[j].startsWith("@") || lines[j].trim() === "")) j--;
    if (j < 0 || !lines[j].trim().endsWith("*/")) problems.push(`${rel}:${i + 1}: exported without a JSDoc line saying what it promises`);
  });
  if (from === "domain") for (const [re, what] of DOMAIN_IMPURE) if (re.test(text)) problems.push(`${rel}: domain may not ${what}`);
}

/** Import cycles among src/ files (value imports only; `import type` is erased), each reported once. */
function checkCycles(graph) {
  const state = new Map();
  const stack = [];
  const seen = new Set();
  const visit = (f) => {
    state.set(f, "open");
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === "open") {
        const cycle = stack.slice(stack.indexOf(g)).map((x) => relative(root, x));
        const key = [...cycle].sort().join(" ");
        if (!seen.has(key)) seen.add(key) && problems.push(`import cycle: ${[...cycle, cycle[0]].join(" → ")}`);
      } else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
}

const files = [...optional("src"), ...optional("migrations"), ...optional("mini-app/src"), ...optional("test"), ...optional("bench")];
const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const from = layerOf(file);
  const rel = relative(root, file);
  checkStyle(rel, from, text);
  checkImports(file, rel, from, text);
  if (rel.startsWith(`src${sep}`)) {
    graph.set(file, specifiers(text).filter((x) => !x.typeOnly && x.spec.startsWith(".")).map((x) => resolve(dirname(file), x.spec).replace(/\.js$/, ".ts")));
  }
}
checkCycles(graph);

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`\nlint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${files.length} files, layers respected`);
