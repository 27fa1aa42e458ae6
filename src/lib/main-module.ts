import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * True when the module at `moduleUrl` (pass `import.meta.url`) is the script node was started with. Compares real
 * paths, so it also holds when the script is reached through a symlink (`npx steward`, `node_modules/.bin/steward`,
 * a global install), where `process.argv[1]` is the link and `import.meta.url` the file it points at.
 */
export function isMainModule(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
