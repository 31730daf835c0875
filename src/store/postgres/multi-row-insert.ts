// One INSERT for many rows: "INSERT … VALUES ($1, …, $k) …" written for n rows, each row's parameters numbered on.
// A background batch is then one statement (one round trip, one plan) instead of one per row.

/**
 * The statement for n rows, or undefined when `text` is not a single-row INSERT … VALUES (…) whose parameters
 * appear once each, in order. The rows of one statement must not share a conflict key (ON CONFLICT DO UPDATE
 * refuses to touch a row twice): the caller keeps the last row of each key.
 */
export function multiRowInsert(text: string): ((rows: number) => string) | undefined {
  const m = /^(\s*INSERT\s[\s\S]*?\bVALUES\s*)\(([^()]*)\)([\s\S]*)$/i.exec(text);
  if (!m) return undefined;
  const [, head = "", tuple = "", tail = ""] = m;
  const params = [...tuple.matchAll(/\$(\d+)/g)].map((p) => Number(p[1]));
  if (params.length === 0 || params.some((p, i) => p !== i + 1) || /\$\d/.test(tail)) return undefined;
  const width = params.length;
  return (rows) =>
    head +
    Array.from(
      { length: rows },
      (_, r) => `(${tuple.replace(/\$(\d+)/g, (_, d: string) => `$${Number(d) + r * width}`)})`,
    ).join(", ") +
    tail;
}
