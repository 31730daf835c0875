// One schema step. Versions are never reused or edited once released: add a new one instead.
import type Database from "better-sqlite3";

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
