#!/usr/bin/env node
// Lint: the one-way dependency rule of src/ (README, Architecture), plus small style rules: kebab-case file names,
// files under ~300 lines (hard stop at 400), a JSDoc line on every export, no commented-out code.
// Every relative import is resolved to its layer and checked against ALLOWED; domain code may not use the clock or I/O.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(process.argv[2] ?? new URL("..", import.meta.url).pathname);

/** Which layers each layer may import (besides itself). */
const ALLOWED = {
  config: [],
  lib: ["config"],
  domain: ["lib"],
  contract: ["domain", "lib"],
  db: ["domain", "lib", "config", "migrations"],
  migrations: [],
  dingtalk: ["lib", "config"],
  services: ["domain", "db", "dingtalk", "contract", "lib", "config"],
  bot: ["services", "domain", "lib", "config", "dingtalk"],
  jobs: ["services", "domain", "lib", "config"],
  http: ["services", "domain", "lib", "config"],
  cli: ["services", "domain", "lib", "config", "bot", "jobs", "contract", "db"],
  main: ["*"],
};
/** Packages that mean I/O or persistence, forbidden in the pure domain. */
const DOMAIN_FORBIDDEN_PKGS = /^(node:(fs|net|http|https|child_process|dgram|dns|tls)|fs|typeorm|mysql2|better-sqlite3|koa|@koa\/|dingtalk-stream|@alicloud\/|pino|node-cron|ws)(\/|$)/;
/** Edges and the DingTalk layer must not reach into the ORM directly. */
const ORM_PKGS = /^(typeorm|mysql2|better-sqlite3)(\/|$)/;

function layerOf(file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === "migrations") return "migrations";
  if (rel[0] === "mini-app") return "page";
  if (rel[0] !== "src") return null;
  if (rel.length === 2) return rel[1] === "main.ts" || rel[1] === "cli.ts" ? "main" : "lib";
  return rel[1];
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const problems = [];
const optional = (dir) => (statSync(join(root, dir), { throwIfNoEntry: false }) ? walk(join(root, dir)) : []);
const files = [...optional("src"), ...optional("migrations"), ...optional("mini-app/src")];
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const from = layerOf(file);
  const rel = relative(root, file);
  const lines = text.split("\n");
  if (lines.length > 400) problems.push(`${rel}: ${lines.length} lines; split it (files stay under ~300 lines)`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9-]+)*\.ts$/.test(file.split(sep).pop())) problems.push(`${rel}: file names are kebab-case`);
  const importRe = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith(".")) {
      const target = layerOf(resolve(dirname(file), spec));
      if (target === "page" && from !== "page" && /^import type/m.test(m[0]) && spec.endsWith("/api-types.js")) continue;
      if (!target || target === from || from === "main") continue;
      if (from === "page") { problems.push(`${rel}: the page may not import server code (${spec})`); continue; }
      if (!(ALLOWED[from] ?? []).includes(target)) problems.push(`${rel}: layer '${from}' may not import '${target}' (${spec})`);
    } else {
      if (from === "domain" && DOMAIN_FORBIDDEN_PKGS.test(spec)) problems.push(`${rel}: domain is pure; it may not import '${spec}'`);
      if (["http", "bot", "jobs", "dingtalk", "domain", "contract"].includes(from) && ORM_PKGS.test(spec) && !/^import type/m.test(m[0]))
        problems.push(`${rel}: '${from}' may not use the ORM/driver '${spec}' (go through services)`);
    }
  }
  lines.forEach((line, i) => {
    if (!/^export (async )?(function|class|const|let|interface|type|enum|abstract class)\b/.test(line) || /^export type \{/.test(line)) return;
    let j = i - 1;
    while (j >= 0 && (lines[j].startsWith("@") || lines[j].trim() === "")) j--;
    if (j < 0 || !lines[j].trim().endsWith("*/")) problems.push(`${rel}:${i + 1}: exported without a JSDoc line saying what it promises`);
  });
  if (from === "domain" && /Date\.now\(\)|new Date\(\s*\)/.test(text)) problems.push(`${rel}: domain may not read the clock (take \`now\` as a parameter)`);
  if (/^\s*\/\/\s*(const|let|if|for|return|await|import)\b/m.test(text)) problems.push(`${rel}: commented-out code`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`\nlint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${files.length} files, layers respected`);
