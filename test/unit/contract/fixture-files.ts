/** Reads the synthetic contract fixtures of test/fixtures/contracts (never the real seeds). */
import { readFileSync } from "node:fs";

const DIR = new URL("../../fixtures/contracts/", import.meta.url);

/** The bytes of a fixture file. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(name, DIR));
}

/** The UTF-8 text of a fixture file. */
export function fixtureText(name: string): string {
  return fixtureBytes(name).toString("utf8");
}
