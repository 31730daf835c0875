// Where a review sheet's columns stand, read from its header row. A column added after sheets went out is optional:
// a sheet exported before it existed still reads, with that column absent and everything after it one place left.

export interface LayoutColumn {
  header: string;
  /** added later: a sheet without it is an older export, not a sheet whose columns were moved */
  optional?: boolean;
}

/** for each column (by its index in today's list), its 0-based position in the sheet, or undefined when absent */
export type Layout = (number | undefined)[];

export interface HeaderMismatch {
  /** 0-based position in the sheet */
  at: number;
  expected: string;
  found: string;
}

function mismatches(columns: LayoutColumn[], header: string[], layout: Layout): HeaderMismatch[] {
  return columns.flatMap((c, i) => {
    const at = layout[i];
    if (at === undefined || header[at] === c.header) return [];
    return [{ at, expected: c.header, found: header[at] ?? "" }];
  });
}

/**
 * The layout the header row matches: today's, else the one before the optional columns were added. When neither
 * matches, the mismatches of the nearer one, so that a person is told about the columns they actually moved.
 */
export function sheetLayout(
  columns: LayoutColumn[],
  header: string[],
): { layout: Layout; mismatches: HeaderMismatch[] } {
  const today: Layout = columns.map((_, i) => i);
  let at = 0;
  const older: Layout = columns.map((c) => (c.optional ? undefined : at++));
  const candidates = columns.some((c) => c.optional) ? [today, older] : [today];
  const read = candidates.map((layout) => ({ layout, mismatches: mismatches(columns, header, layout) }));
  return read.reduce((best, r) => (r.mismatches.length < best.mismatches.length ? r : best));
}
