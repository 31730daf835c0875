// Finds a progress sheet's header row below its title and note rows, as a person would: the first row that names
// a task column and at least one other column the import reads.
import { matchColumn } from "./column-aliases.js";

/** Title and note rows are few; a header further down is not a progress sheet's. */
const SEARCH_ROWS = 30;

/** The 0-based index of the header row, or null when no row in reach looks like one. */
export function locateHeader(matrix: readonly (readonly string[])[]): number | null {
  for (let i = 0; i < Math.min(matrix.length, SEARCH_ROWS); i++) {
    const columns = new Set<string>();
    for (const cell of matrix[i] ?? []) {
      const m = matchColumn(cell);
      if (m.kind === "column") columns.add(m.column);
    }
    if (columns.has("task") && columns.size >= 2) return i;
  }
  return null;
}
