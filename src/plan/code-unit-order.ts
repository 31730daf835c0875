// Sorting keys that are ASCII or ISO dates (paths, slugs, YYYY-MM-DD, ids) needs a fixed order, not a language's.
// String#localeCompare opens ICU's collator on first use, about 10 ms on a shared core: a start-up cost for nothing.

/** Compares by UTF-16 code units: for ISO dates and times, chronological; for ASCII, byte order. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
