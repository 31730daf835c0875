// A target's baseline (the level the plan starts from) as one cell of the review sheet: written "68%(2024年)", and
// read back from what a person types there ("68", "68%", "2024年68%", "68%(2024年)", "1.2万家").
import { parseFigure } from "./numbers.js";
import type { Target } from "./schema.js";

export type Baseline = NonNullable<Target["from"]>;

/** The figure, its unit and, in brackets, the year it is dated to: 68%(2024年), 12%, 1.2万家. */
export function writeBaseline(b: Baseline): string {
  return `${b.value}${b.unit}${b.year === null ? "" : `(${b.year}年)`}`;
}

const YEAR = "((?:19|20|21)\\d{2})";
/** 2024年68%, 2024年底的68% */
const YEAR_BEFORE = new RegExp(`^${YEAR}\\s*年(?:底|末)?的?\\s*`);
/** 68%(2024年), 68%(2024) — full-width brackets are made plain by NFKC first */
const YEAR_AFTER = new RegExp(`\\s*\\(\\s*${YEAR}\\s*年?(?:底|末)?\\s*\\)$`);
/** the figure's own characters, handed to parseFigure; what follows is the unit (万家 keeps its scale, as targets do) */
const FIGURE_THEN_UNIT = /^(\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(.*)$/;

/** A baseline as typed: its unit is null when only a number was written (the target's own unit is meant). */
export type TypedBaseline = Omit<Baseline, "unit"> & { unit: string | null };

/** Reads a non-empty cell; null when it is not a figure with an optional unit and year. */
export function readBaseline(cell: string): TypedBaseline | null {
  let text = cell.normalize("NFKC").trim();
  let year: number | null = null;
  const before = YEAR_BEFORE.exec(text);
  const after = before ? null : YEAR_AFTER.exec(text);
  const dated = before ?? after;
  if (dated) {
    year = Number(dated[1]);
    text = before ? text.slice(before[0].length) : text.slice(0, dated.index);
  }
  const m = FIGURE_THEN_UNIT.exec(text);
  if (!m) return null;
  const valueText = m[1] ?? "";
  const value = parseFigure(valueText);
  if (value === null) return null;
  const unit = (m[2] ?? "").trim();
  // a bracket or a second figure left in the unit (68%(24年), 68%2024年) is a slip, not a unit
  if (/[()]|\d/.test(unit)) return null;
  return { value, valueText, unit: unit === "" ? null : unit, year };
}

/** The baseline on a target's unit: a bare number takes the target's unit; null when the unit written differs. */
export function baselineIn(typed: TypedBaseline, unit: string): Baseline | null {
  if (typed.unit !== null && typed.unit !== unit) return null;
  return { ...typed, unit };
}
