// The safeguard measures: one by number or words ("保障措施有哪些", "资金保障有什么规定"), and who is in overall
// charge ("谁是总负责"), which plans state in a measure rather than a task.
import {
  OVERALL_CHARGE,
  OVERALL_CHARGE_STATED,
  SAFEGUARD_KIND,
  SAFEGUARD_KIND_FILLER,
  WHOLE_PLAN_CHARGE,
} from "../question-forms.js";
import type { QuestionKind } from "./scope.js";
import { MIN_COVERAGE } from "./terms.js";
import { resolveTopic } from "./topic.js";

export const MEASURES: QuestionKind = {
  name: "safeguard measures",
  resolve({ q, plan, named }, scope) {
    if (!q.intents.has("measures") || !plan) return undefined;
    const { index } = scope;
    if (q.measureNo !== null) {
      const m = plan.measures.find((x) => x.no === q.measureNo);
      if (m) return { kind: "measures", plan, measures: [m], all: false };
    }
    if (q.topic) {
      const hit = index.search(q.topic, (p) => p.kind === "measure" && p.plan === plan.slug)[0];
      if (hit && hit.coverage >= MIN_COVERAGE) {
        const m = plan.measures.find((x) => String(x.no) === hit.passage.ref);
        if (m) return { kind: "measures", plan, measures: [m], all: false };
      }
    }
    // "资金保障有什么规定": a kind of safeguard the plan never names. Say so, with the measures it has.
    const asked = named ? q.normalized.split(named.said).join(" ") : q.normalized;
    const kind = SAFEGUARD_KIND.exec(asked)?.[1]?.replace(SAFEGUARD_KIND_FILLER, "");
    if (kind && kind.length >= 2 && !index.knows(`${kind}保障`)) {
      const elsewhere = resolveTopic(scope, { ...q, topic: kind }, plan);
      return {
        kind: "measures",
        plan,
        measures: plan.measures,
        all: true,
        unmatched: kind,
        ...(elsewhere.kind === "task" ? { mentionedIn: elsewhere.task } : {}),
      };
    }
    // "外贸要素保障平台谁牵头": 保障 inside a task's subject, not a question about the safeguard measures.
    if (!q.topic || /措施/.test(q.normalized)) return { kind: "measures", plan, measures: plan.measures, all: true };
    return undefined;
  },
};

export const OVERALL_CHARGE_KIND: QuestionKind = {
  name: "who is in overall charge",
  resolve({ q, plan }) {
    if (!plan || q.taskNo !== null || q.departments.length > 0) return undefined;
    if (!OVERALL_CHARGE.test(q.normalized) && !WHOLE_PLAN_CHARGE.test(q.normalized)) return undefined;
    const overall = plan.measures.find((m) => OVERALL_CHARGE_STATED.test(m.text));
    if (overall) return { kind: "measures", plan, measures: [overall], all: false };
    // No measure names who is in overall charge: say so, and list the measures that organise the work.
    if (plan.measures.length > 0) return { kind: "measures", plan, measures: plan.measures, all: true, askedWho: true };
    return undefined;
  },
};
