// The plan's particulars: "这个计划是哪天印发的", "这个计划讲了什么" (the plan in brief), "计划里有错别字吗".
import { normalizeText } from "../../search/normalize.js";
import { PLAN_OVERVIEW } from "../question.js";
import { DEFECTS, OVERVIEW_WORDS, TRIVIAL_TOPIC } from "../question-forms.js";
import type { QuestionKind } from "./scope.js";
import { resolveTopic } from "./topic.js";

export const PLAN_INFO: QuestionKind = {
  name: "the plan's particulars",
  resolve({ q, plan }, scope) {
    if (!q.intents.has("plan_info") || q.intents.has("task_list") || !plan) return undefined;
    if (q.taskNo !== null || q.departments.length > 0) return undefined;
    const { index } = scope;
    const terms = new Set(index.termsOf(q.topic));
    const relevant = plan.preamble.filter((s) => index.termsOf(normalizeText(s)).some((t) => terms.has(t)));
    const defects = DEFECTS.test(q.normalized);
    const overview = PLAN_OVERVIEW.test(q.normalized) && !defects;
    // "跨境电商讲了什么": the words of an overview, asked of a subject the plan covers: that subject's task.
    const subject = overview ? q.topic.replace(OVERVIEW_WORDS, " ").trim() : "";
    if (subject && !TRIVIAL_TOPIC.test(subject)) {
      const about = resolveTopic(scope, { ...q, topic: subject }, plan);
      if (about.kind === "task") return about;
    }
    return { kind: "plan_info", plan, sentences: overview ? [] : relevant.slice(0, 2), defects, overview };
  },
};
