// The SQL connection every store module is written against: the part of better-sqlite3's API planbot uses, which a
// better-sqlite3 Database is as it stands and the PostgreSQL bridge (store/postgres/) implements. Statements are
// written in the SQL both engines read (ON CONFLICT, RETURNING, quoted camelCase aliases), so no logic is written twice.

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement<P extends unknown[], R> {
  run(...params: P): RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

// biome-ignore lint/suspicious/noExplicitAny: the same bound better-sqlite3 puts on a transaction's function
type AnyFunction = (...args: any[]) => unknown;
type ArgumentTypes<F extends AnyFunction> = F extends (...args: infer A) => unknown ? A : never;

export interface Transaction<F extends AnyFunction> {
  (...params: ArgumentTypes<F>): ReturnType<F>;
  /** takes the write lock at once: two connections that read then write in it take turns */
  immediate(...params: ArgumentTypes<F>): ReturnType<F>;
}

export interface Db {
  // biome-ignore lint/complexity/noBannedTypes: better-sqlite3's own bound, so that its Database is a Db as it stands
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    sql: string,
  ): P extends unknown[] ? Statement<P, R> : Statement<[P], R>;
  /** nested calls become savepoints */
  transaction<F extends AnyFunction>(fn: F): Transaction<F>;
  exec(sql: string): unknown;
  close(): void;
}
