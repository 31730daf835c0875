// better-sqlite3's parameters (`?` in order, or `@name` from one object) turned into PostgreSQL's `$1…$n`.
// Quoted text ('…', "…") is copied as it is, so a `?` or `@` inside a literal or an alias is left alone.

export interface Translated {
  text: string;
  /** the values in `$n` order, from the arguments a better-sqlite3 statement would have been given */
  values(params: unknown[]): unknown[];
}

const TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\?|@([A-Za-z_][A-Za-z0-9_]*)/g;

export function translatePlaceholders(sql: string): Translated {
  const names: string[] = [];
  let positional = 0;
  const text = sql.replace(TOKEN, (token, name: string | undefined) => {
    if (token === "?") return `$${++positional}`;
    if (name === undefined) return token;
    const at = names.indexOf(name);
    if (at >= 0) return `$${at + 1}`;
    names.push(name);
    return `$${names.length}`;
  });
  if (positional > 0 && names.length > 0) throw new Error(`SQL mixes ? and @name parameters: ${sql}`);
  return {
    text,
    values(params) {
      if (names.length === 0) return params.map(toPg);
      const bag = (params[0] ?? {}) as Record<string, unknown>;
      return names.map((n) => {
        if (!(n in bag)) throw new Error(`missing named parameter @${n}`);
        return toPg(bag[n]);
      });
    },
  };
}

/** Values as PostgreSQL's text protocol takes them; undefined is refused as better-sqlite3 refuses it. */
function toPg(value: unknown): unknown {
  if (value === undefined) throw new Error("an SQL parameter is undefined (use null)");
  if (typeof value === "bigint") return value.toString();
  return value;
}
