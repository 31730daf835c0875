// Which of a task's (or the goals') targets a question names: "土地和能耗的目标" → those two, not all.
import type { Target } from "../../plan/schema.js";
import type { PlanIndex } from "../../search/plan-index.js";
import type { ParsedQuestion } from "../question.js";
import { metricTerms, sentenceTerms, shareIn } from "./terms.js";

/** The targets whose metric the question names; null when it names none (then all are shown). */
export function focusTargets(targets: Target[], q: ParsedQuestion, index: PlanIndex): Target[] | null {
  // "土地和能耗的目标": each part names its own targets (及 is not a separator: 专精特新及高新技术企业).
  const parts = q.topic.split(/以及|和|与|、/).filter((p) => p.trim().length >= 2);
  if (parts.length > 1) {
    const each = parts.map((topic) => focusTargets(targets, { ...q, topic }, index));
    if (each.every((f) => f !== null && f.length < targets.length)) {
      return targets.filter((t) => each.some((f) => f?.includes(t)));
    }
  }
  const terms = new Set(index.termsOf(q.topic));
  if (terms.size === 0 || targets.length === 0) return null;
  // "新型显示产业规模": the metric printed is 千亿产业, but its sentence names 新型显示. Targets whose own sentence
  // holds (nearly) all of the subject come first; the metric then picks among them.
  const about = targets.map((t) => ({ t, share: shareIn(sentenceTerms(t, index), terms) }));
  const bestAbout = Math.max(...about.map((a) => a.share));
  const candidates = bestAbout >= 0.99 ? about.filter((a) => a.share >= 0.99).map((a) => a.t) : targets;
  const scored = candidates.map((t) => {
    const own = metricTerms(t, index);
    return { t, n: own.filter((x) => terms.has(x)).length / Math.max(1, Math.min(own.length, terms.size)) };
  });
  const best = Math.max(...scored.map((s) => s.n));
  if (best < 0.34) return candidates.length < targets.length ? candidates : null;
  return scored.filter((s) => s.n >= best * 0.6).map((s) => s.t);
}
