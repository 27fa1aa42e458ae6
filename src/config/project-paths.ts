import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The project directory (the one holding package.json), whether running from src/ under tsx or from dist/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || existsSync(join(dir, "tsconfig.json")) === false) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find the project directory (package.json) above this module.");
    dir = parent;
  }
  return (root = dir);
}

/** A path inside the project directory, e.g. `projectPath("config", "defaults.json")`. */
export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}
