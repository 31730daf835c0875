// A target that keeps a level (接种率保持在95%以上) rather than reaches one by a day. The importer reads it as an
// ordinary 不少于 target; the plan's own words before the figure are what say the level holds all along.
import type { Target } from "./schema.js";

/** 保持在, 维持在, 稳定在, 始终…: the words that keep a level, right before the figure. */
const KEEP = /(保持|维持|稳定|稳居|始终|持续)(在|于)?\s*$/;

/** True when the target's sentence keeps its figure as a level (a straight line towards it would mean nothing). */
export function holdsLevel(target: Target): boolean {
  if (target.valueText === "") return false;
  const { sentence, valueText } = target;
  for (let at = sentence.indexOf(valueText); at >= 0; at = sentence.indexOf(valueText, at + 1)) {
    // the whole figure only: 9 inside 95 or 1.5 is another figure
    if (/[0-9.]$/.test(sentence.slice(0, at)) || /^[0-9.]/.test(sentence.slice(at + valueText.length))) continue;
    if (KEEP.test(sentence.slice(0, at))) return true;
  }
  return false;
}
