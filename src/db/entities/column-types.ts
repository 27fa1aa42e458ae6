import type { ValueTransformer } from "typeorm";

/** bigint columns come back as a string from mysql2 and a number from SQLite; both become a JS number (safe below 2^53). */
export const bigintToNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

/** Instant columns: millisecond precision on both drivers (datetime(3) on MySQL, text on SQLite). */
export const INSTANT = { type: "datetime", precision: 3 } as const;

/** A JSON object stored in a `json` column (TypeORM's partial-entity typing needs `any` values here). */
export type JsonRecord = Record<string, any>;
