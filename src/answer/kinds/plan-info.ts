// The plan's particulars: "这个计划是哪天印发的", "这个计划讲了什么" (the plan in brief), "计划里有错别字吗".
import { normalizeText } from "../../search/normalize.js";
import { PLAN_OVERVIEW } from "../question.js";
import { DEFECTS, OVERVIEW_WORDS, TRIVIAL_TOPIC } from "../question-forms.js";
import type { PlanField } from "../resolution.js";
import type { QuestionKind } from "./scope.js";
import { resolveTopic } from "./topic.js";

/** The words that ask for one particular of the plan. */
const PLAN_FIELDS: [PlanField, RegExp][] = [
  ["title", /全称|叫什么|名称|标题|\btitle\b/i],
  ["number", /文号|字号|文件号/],
  ["issuer", /发文(?!字号)|谁发|谁印发|哪个(单位|部门|机关)(印发|发布|制定)|印发单位|发布单位|\bwho\b.{0,20}issue/i],
  [
    "date",
    /哪天|日期|落款|几月几[号日]|(什么|啥)时候(印发|发布|出台|发的)|何时|印发时间|发布时间|出台时间|\bwhen\b.{0,20}issue/i,
  ],
  ["period", /期限|时限|哪几年|起止|截止|到哪一?年|时间范围/],
  [
    "position",
    /还剩|还有多久|还有多长时间|还有(多少|几)(天|时间|个月|年)|到期|第几年|时间(过半|进度)|过半|剩余|进行到|days?.{0,12}left|time.{0,12}left|how long/i,
  ],
];

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
    // The user's own words too: the glossary turns "when was the plan issued" into 印发.
    const said = `${q.normalized} ${q.asked}`;
    const asked = PLAN_FIELDS.filter(([, words]) => words.test(said)).map(([field]) => field);
    return {
      kind: "plan_info",
      plan,
      sentences: overview ? [] : relevant.slice(0, 1),
      defects,
      overview,
      ...(asked.length > 0 && !overview && !defects ? { asked } : {}),
    };
  },
};
