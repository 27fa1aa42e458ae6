/** True when a driver error is a unique-key violation (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, MySQL ER_DUP_ENTRY 1062). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const d = e?.driverError ?? e;
  return (
    d?.code === "SQLITE_CONSTRAINT_UNIQUE" || d?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || d?.code === "ER_DUP_ENTRY" || d?.errno === 1062
  );
}
