import { TableForeignKey, TableIndex, type TableColumnOptions } from "typeorm";

/**
 * Portable column and key builders for hand-written migrations. They produce exactly what the entities declare on
 * both SQLite and MySQL/MariaDB, so `schema diff` stays empty on either driver (see test/integration/db).
 */
export const col = {
  id: (): TableColumnOptions => ({ name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: "integer", isNullable: nullable }),
  bigint: (name: string, nullable = false): TableColumnOptions => ({ name, type: "bigint", isNullable: nullable }),
  double: (name: string): TableColumnOptions => ({ name, type: "double", isNullable: false }),
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: "varchar", length: String(length), isNullable: nullable }),
  text: (name: string): TableColumnOptions => ({ name, type: "text", isNullable: false }),
  date: (name: string, nullable = true): TableColumnOptions => ({ name, type: "date", isNullable: nullable }),
  instant: (name: string, nullable = false): TableColumnOptions => ({ name, type: "datetime", precision: 3, isNullable: nullable }),
  json: (name: string, nullable = false): TableColumnOptions => ({ name, type: "json", isNullable: nullable }),
};

/** A foreign key with explicit ON UPDATE NO ACTION (MariaDB reads an unspecified one back as RESTRICT). */
export function fk(column: string, table: string, onDelete: "CASCADE" | "SET NULL"): TableForeignKey {
  return new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete, onUpdate: "NO ACTION" });
}

/** A named index (unique indexes are named, not column-level, so both drivers agree on the name). */
export function index(name: string, columns: string[], unique = false): TableIndex {
  return new TableIndex({ name, columnNames: columns, isUnique: unique });
}
