// A question about a subject in the plan's own words ("上市公司目标", "物流信息平台谁负责"): the passage holding
// most of its terms picks the task (or measure, or goals); a subject no passage holds is not covered.
import type { Measure, ResponsibilityMatrix, Task } from "../../plan/schema.js";
import { normalizeText } from "../../search/normalize.js";
import type { Hit, PlanIndex } from "../../search/plan-index.js";
import { targetsWithFigure } from "../figures-asked.js";
import type { ParsedQuestion } from "../question.js";
import { FIGURE_WORDS, GENERIC_TAIL } from "../question-forms.js";
import { CLAUSE_END, trimmedToClauses } from "../quote.js";
import type { Resolution } from "../resolution.js";
import { focusTargets } from "./focus.js";
import { goalsAnswer } from "./goals-targets.js";
import type { QuestionKind, Scope } from "./scope.js";
import { subjectOf } from "./subject-words.js";
import { MIN_COVERAGE, metricTerms, sentenceNaming, sentenceTerms, shareIn, targetSentenceTerms } from "./terms.js";

/** Any other question with a subject of its own: found by its words, else by a figure it quotes. */
export const SUBJECT: QuestionKind = {
  name: "a subject in the plan's words",
  refined: true,
  resolve({ q, plan, named, homePlan }, scope) {
    const restrict = plan && (named || homePlan) ? plan : undefined;
    const resolution = resolveTopic(scope, q, restrict);
    if (resolution.kind === "not_covered" && resolution.why === "no_match") {
      // "稳结构" for 优化经济结构: a task named by a slogan-like abbreviation of its title.
      const abbreviated = abbreviatedTitle(scope, q.topic, restrict);
      if (abbreviated) {
        const { plan: home, task } = abbreviated;
        return {
          kind: "task",
          plan: home,
          task,
          intents: q.intents,
          focus: focusTargets(task.targets, q, scope.index),
        };
      }
    }
    // "距离800亿还差多少": no words for the subject, but its figure is a target's.
    if (resolution.kind === "not_covered" && resolution.why === "no_match" && plan) {
      const byFigure = targetsWithFigure(plan, q.topic);
      if (byFigure?.task === null) return goalsAnswer(plan, q, scope.index, byFigure.targets);
      if (byFigure?.task)
        return { kind: "task", plan, task: byFigure.task, intents: q.intents, focus: byFigure.targets };
    }
    return resolution;
  },
};

/**
 * "稳结构", "强主体": plans and people name a task by a verb and one noun of its title (优化经济结构 → 稳结构). Read
 * only when nothing in the plans holds the words: a topic of three to five characters whose part after its first
 * character is a word of exactly one task's title.
 */
function abbreviatedTitle(
  scope: Scope,
  topic: string,
  restrict?: ResponsibilityMatrix,
): { plan: ResponsibilityMatrix; task: Task } | undefined {
  const said = topic.replace(/\s+/g, "");
  if (!/^[\u4e00-\u9fff]{3,5}$/.test(said)) return undefined;
  const noun = said.slice(1);
  const found = (restrict ? [restrict] : scope.loaded.plans).flatMap((plan) =>
    plan.tasks.filter((t) => t.title.includes(noun)).map((task) => ({ plan, task })),
  );
  return found.length === 1 ? found[0] : undefined;
}

/** The task, measure or goals a subject names, or not covered with the nearest tasks and measures. */
export function resolveTopic(scope: Scope, asked: ParsedQuestion, restrict?: ResponsibilityMatrix): Resolution {
  const { index, plans } = scope;
  // "物流业", "品牌建设" where the plan says 物流, 品牌: a generic tail the plans never attach to the word is dropped.
  const q = { ...asked, topic: asked.topic.replace(GENERIC_TAIL, (m, c: string) => (index.knows(m) ? m : c)) };
  // The passage that holds most of the question's terms wins; the BM25 score only breaks ties.
  const hits = index
    .search(q.topic, restrict ? (p) => p.plan === restrict.slug : undefined)
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score);
  const best = hits[0];
  const terms = index.termsOf(q.topic);
  const enough = best && best.coverage >= MIN_COVERAGE && (best.matched >= 2 || terms.length === 1);
  // A word the plans never use (汽车 in 新能源汽车) is not covered, however much of the rest matches.
  // "现代产业体系": said whole only in the plan's opening paragraph, where no task, lead or figure is attached.
  // Only asked when no passage holds the whole topic: the opening paragraph matters only then.
  const opening = !best || !enough || best.coverage < 0.99 ? openingNaming(scope, q.topic, restrict) : undefined;
  if (opening) {
    const subject = subjectOf(q);
    return {
      kind: "not_covered",
      subject,
      why: "no_match",
      nearest: [],
      plan: opening.plan,
      opening: opening.sentences,
    };
  }
  if (!best || !enough || index.longestUnknownRun(q.topic) >= 3) {
    const near = notCovered(q, "no_match", nearestTasks(scope, hits));
    const measures = nearestMeasures(scope, hits);
    return measures.length > 0 ? { ...near, nearMeasures: measures } : near;
  }
  const plan = plans.get(best.passage.plan) as ResponsibilityMatrix;
  if (best.passage.kind === "measure") {
    const m = plan.measures.find((x) => String(x.no) === best.passage.ref);
    const askedWho = q.intents.has("lead") || q.intents.has("partners");
    // "宣传有什么要求" asks for the text; "宣传的目标是多少" for a figure, which measures never set.
    const figureWords = FIGURE_WORDS.test(q.normalized);
    const askedFigure = q.intents.has("targets") && figureWords && !askedWho ? q.topic.replace(/\s+/g, "") : undefined;
    if (m)
      return { kind: "measures", plan, measures: [m], all: false, askedWho, ...(askedFigure ? { askedFigure } : {}) };
  }
  // Aggregate passages by task: a task's target passages speak for the task too.
  let taskNo = bestTaskNo(hits, best.passage.plan);
  // Asked who: goals name nobody, so a task whose title says the whole subject answers (农村生活污水治理 is both a
  // goal's metric and task (六)'s title); a task sharing only some words (单位gdp能耗 for gdp) does not.
  if (taskNo === 0 && (q.intents.has("lead") || q.intents.has("partners")))
    taskNo = taskTitled(plan, q.topic, index)?.no ?? 0;
  if (taskNo === 0) return goalsAnswer(plan, q, index);
  let task = plan.tasks.find((t) => t.no === taskNo) as Task;
  let alsoRelevant = plan.tasks.filter(
    (t) =>
      t !== task &&
      hits.some((h) => h.passage.plan === plan.slug && h.passage.taskNo === t.no && h.coverage >= best.coverage),
  );
  let noFigureFor = figureNotSet(q, plan.slug, task, hits, index);
  // Asked for a figure the best-matching task does not set, while an equally matching task has a target whose
  // sentence names the subject ("新型显示产业的目标": (十) mentions it most, (一) sets its 千亿 figure): use that one.
  const topicTerms = new Set(index.termsOf(q.topic));
  const setsIt = noFigureFor
    ? alsoRelevant.find((t) => t.targets.some((x) => shareIn(sentenceTerms(x, index), topicTerms) >= 0.99))
    : undefined;
  if (setsIt) {
    alsoRelevant = [task, ...alsoRelevant.filter((t) => t !== setsIt)];
    task = setsIt;
    noFigureFor = figureNotSet(q, plan.slug, task, hits, index);
  }
  if (noFigureFor) return { kind: "task", plan, task, intents: q.intents, focus: [], alsoRelevant, noFigureFor };
  const focus = focusTargets(task.targets, q, index);
  return {
    kind: "task",
    plan,
    task,
    intents: q.intents,
    focus,
    alsoRelevant,
    topicSentence: topicSentence(q, task, index),
  };
}

export function notCovered(
  q: ParsedQuestion,
  why: Extract<Resolution, { kind: "not_covered" }>["why"],
  nearest: { plan: ResponsibilityMatrix; task: Task }[],
): Extract<Resolution, { kind: "not_covered" }> {
  return { kind: "not_covered", subject: subjectOf(q), why, nearest };
}

/** Safeguard measures that share words with a question nothing covers ("考核机制": 强化督导激励 says 年度考核). */
function nearestMeasures(scope: Scope, hits: Hit[]): Measure[] {
  const out: Measure[] = [];
  for (const h of hits) {
    if (h.passage.kind !== "measure" || out.length === 2) continue;
    const m = scope.plans.get(h.passage.plan)?.measures.find((x) => String(x.no) === h.passage.ref);
    if (m && !out.includes(m)) out.push(m);
  }
  return out;
}

function nearestTasks(scope: Scope, hits: Hit[]): { plan: ResponsibilityMatrix; task: Task }[] {
  const seen = new Set<string>();
  const out: { plan: ResponsibilityMatrix; task: Task }[] = [];
  for (const h of hits) {
    const plan = scope.plans.get(h.passage.plan);
    const task = plan?.tasks.find((t) => t.no === h.passage.taskNo);
    const key = `${h.passage.plan}#${h.passage.taskNo}`;
    if (!plan || !task || seen.has(key)) continue;
    seen.add(key);
    out.push({ plan, task });
    if (out.length === 3) break;
  }
  return out;
}

// Each plan's opening sentences as terms, computed once: with 1,000 plans, normalizing them for every question
// cost ~10 ms a question.
const preambleTerms = new WeakMap<ResponsibilityMatrix, Set<string>[]>();

/** The opening sentences (of the plan asked about, or of any) that hold every term of a topic of two or more. */
function openingNaming(scope: Scope, topic: string, restrict?: ResponsibilityMatrix) {
  const { index } = scope;
  const terms = new Set(index.termsOf(topic));
  if (terms.size < 2) return undefined;
  for (const plan of restrict ? [restrict] : scope.loaded.plans) {
    let own = preambleTerms.get(plan);
    if (!own) {
      own = plan.preamble.map((x) => new Set(index.termsOf(normalizeText(x))));
      preambleTerms.set(plan, own);
    }
    const held = own;
    const sentences = plan.preamble.filter((_, i) => shareIn(held[i] as Set<string>, terms) >= 0.99);
    if (sentences.length > 0) return { plan, sentences };
  }
  return undefined;
}

/** The one task whose title holds (nearly) every word of the topic (推进农村生活污水治理 for 农村生活污水治理). */
function taskTitled(plan: ResponsibilityMatrix, topic: string, index: PlanIndex): Task | undefined {
  const terms = new Set(index.termsOf(topic));
  if (terms.size === 0) return undefined;
  // Nearly every word: a typo (除险加故) costs a pair or two of characters.
  const titled = plan.tasks.filter((t) => shareIn(new Set(index.termsOf(normalizeText(t.title))), terms) >= 0.8);
  return titled.length === 1 ? titled[0] : undefined;
}

/** hits are sorted best first; only those near the best can change which task wins */
function bestTaskNo(hits: Hit[], plan: string): number {
  const score = new Map<number, number>();
  const floor = (hits[0]?.coverage ?? 0) - 0.25;
  for (const h of hits.slice(0, 200)) {
    if (h.coverage < floor) break;
    if (h.passage.plan !== plan || h.passage.kind === "measure") continue;
    score.set(h.passage.taskNo, Math.max(score.get(h.passage.taskNo) ?? 0, h.score * h.coverage));
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * "人工智能产业规模目标是多少": task (一) mentions 人工智能, but its figures are about other industries. When the
 * question asks for a figure and the task's text covers it clearly better than the sentences of its targets together,
 * the answer must say the plan sets no figure for it, rather than show the task's other figures.
 * Together, because a glossary expansion puts alternatives in the topic (上市企业 上市公司), each target holding one;
 * and by whole sentences, because a sentence can name the subject while its metric does not (新型显示 → 千亿产业).
 */
function figureNotSet(
  q: ParsedQuestion,
  plan: string,
  task: Task,
  hits: Hit[],
  index: PlanIndex,
): { subject: string; sentence: string } | undefined {
  if (!q.intents.has("targets") || q.intents.has("progress")) return undefined;
  // Asked who as well, only words that ask for a figure make it a figure question ("…归谁,目标是什么").
  if ((q.intents.has("lead") || q.intents.has("partners")) && !FIGURE_WORDS.test(q.normalized)) return undefined;
  const terms = new Set(index.termsOf(q.topic));
  if (terms.size === 0) return undefined;
  // "一网通办的目标" of the task "推进“一网通办”": what the title names, the task's own targets are for.
  if (task.targets.length > 0 && shareIn(new Set(index.termsOf(normalizeText(task.title))), terms) >= 0.99) {
    return undefined;
  }
  let taskCover = 0;
  for (const h of hits) {
    if (h.passage.plan === plan && h.passage.taskNo === task.no && h.passage.kind === "task") {
      taskCover = Math.max(taskCover, h.coverage);
    }
  }
  const named = sentenceNaming(task, terms, index);
  // A target's sentence may name the subject in a clause of its own that sets no figure ("新建5G基站300个，实现20户
  // 以上自然村光纤全覆盖"): the sentence then looks covered by the 5G target, but the clause asked about is not.
  const clauseSetsNothing = named !== undefined && namingClauseSetsNoTarget(task, named, terms, index);
  if (!clauseSetsNothing && taskCover - shareIn(targetSentenceTerms(task, index), terms) < 0.25) return undefined;
  const sentence = named?.sentence ?? task.sentences[0] ?? "";
  return {
    subject: subjectOf(q)
      .replace(/\s+/g, "")
      .replace(/(.{2,})[亩家个项元%]$/, "$1"),
    sentence,
  };
}

/**
 * Whether the naming sentence sets targets only before the clause that names the subject ("新建5G基站300个，实现20户
 * 以上自然村光纤全覆盖"): those targets have their own subject, and the plan sets no figure for this one. A target
 * stated in or after that clause may be the subject's own ("加速培育新型显示产业规模，…，到2025年形成1个千亿产业"),
 * and a naming sentence that sets no target leaves the question to the task's other sentences.
 */
function namingClauseSetsNoTarget(
  task: Task,
  named: { sentence: string; held: number },
  terms: Set<string>,
  index: PlanIndex,
): boolean {
  if (named.held < 2) return false;
  const clauses = named.sentence.split(CLAUSE_END);
  const at = clauses.findIndex((c) => {
    const own = new Set(index.termsOf(normalizeText(c)));
    return [...terms].filter((t) => own.has(t)).length === named.held;
  });
  if (at < 0) return false;
  // where each target stated in this sentence is: by its figure, or by its metric when the source lost the number
  const clauseOf = (t: Task["targets"][number]) =>
    t.valueText !== ""
      ? clauses.findIndex((c) => c.includes(`${t.valueText}${t.unit}`))
      : clauses.findIndex((c) => {
          const metric = metricTerms(t, index);
          const own = new Set(index.termsOf(normalizeText(c)));
          return metric.length > 0 && metric.every((m) => own.has(m));
        });
  const placed = task.targets.map(clauseOf).filter((i) => i >= 0);
  return placed.length > 0 && placed.every((i) => i < at);
}

/**
 * Asked who leads or cooperates on something the task's text names ("物流信息平台谁负责"), the reply quotes the
 * sentence that names it: the evidence that this is the task. Not when the question names only the task itself.
 */
function topicSentence(q: ParsedQuestion, task: Task, index: PlanIndex): string | undefined {
  // A bare subject ("大物流体系") asks what the plan says about it, as much as who does it.
  if (!q.intents.has("lead") && !q.intents.has("partners") && q.intents.size > 0) return undefined;
  const terms = new Set(index.termsOf(q.topic));
  if (terms.size === 0) return undefined;
  const named = sentenceNaming(task, terms, index);
  const title = new Set(index.termsOf(normalizeText(task.title)));
  const titleHeld = [...terms].filter((t) => title.has(t)).length;
  if (!named || named.held <= titleHeld) return undefined;
  // Trimmed to the clauses naming the subject: the rest of a long sentence is about other things.
  return trimmedToClauses(
    named.sentence,
    (clause) => {
      const own = new Set(index.termsOf(normalizeText(clause)));
      return [...terms].filter((t) => own.has(t)).length;
    },
    true,
  );
}
