import { InvalidArgumentError, type Command } from "commander";

/**
 * Option-value parsers. A bad value is a usage error: commander prints `error: option '--x <v>' argument 'abc' is
 * invalid. …` with our message and the CLI exits 2, before the config or the database is loaded.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2025-02-29 and 2025-13-01 no). */
export function isCalendarDate(v: string): boolean {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Parser for a `YYYY-MM-DD` option value. */
export function isoDateArg(name: string): (v: string) => string {
  return (v) => {
    if (!isCalendarDate(v)) throw new InvalidArgumentError(`${name} "${v}" is not a date; write YYYY-MM-DD, e.g. 2024-05-06.`);
    return v;
  };
}

/** Parser for a positive whole number (ids, limits). */
export function positiveIntArg(name: string): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v) || Number(v) < 1 || !Number.isSafeInteger(Number(v))) throw new InvalidArgumentError(`${name} "${v}" is not a positive whole number.`);
    return Number(v);
  };
}

/** Parser for one of a few words. */
export function oneOfArg<const T extends string>(name: string, values: readonly T[]): (v: string) => T {
  return (v) => {
    if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`${name} "${v}" is not one of ${values.join(", ")}.`);
    return v as T;
  };
}

/**
 * Gives every `<date>` option of `cmd` and its sub-commands that has no parser of its own the YYYY-MM-DD check, so a
 * malformed date (`--paid-on 2024-13-01`, `--from tomorrow`) is a usage error wherever it is declared.
 */
export function checkDateOptions(cmd: Command): void {
  for (const opt of cmd.options) {
    if (opt.flags.includes("<date>") && !opt.parseArg) opt.argParser(isoDateArg(opt.long ?? opt.flags));
  }
  for (const sub of cmd.commands) checkDateOptions(sub);
}
