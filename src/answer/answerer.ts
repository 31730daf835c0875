// The answering core: question text in, answers out. Pure: no I/O, no clock (today comes in the context).
import type { LoadedPlans } from "../plan/knowledge.js";
import type { ResponsibilityMatrix, Task } from "../plan/schema.js";
import { createExpander } from "../search/glossary.js";
import { normalizeText } from "../search/normalize.js";
import { buildPlanIndex } from "../search/plan-index.js";
import type { Tokenizer } from "../search/tokenize.js";
import { nameAskersDepartment } from "./asker.js";
import { withDeadlineAsked } from "./deadline.js";
import { createDepartmentLookup } from "./department-lookup.js";
import { examplesFrom } from "./examples.js";
import { plansText } from "./plans-text.js";
import { absoluteYears, type ParsedQuestion, parseQuestion } from "./question.js";
import { MAX_PLANS_LISTED, renderResolution } from "./render.js";
import type { Resolution } from "./resolution.js";
import { createResolver } from "./resolve.js";
import type { Answer, AnswerContext, Intent } from "./types.js";
import { createTypoFixer, type TypoFix } from "./typos.js";

/**
 * What a chat remembers between messages: the last task, goals or department answered, so that a follow-up with no
 * subject of its own ("那协同部门呢", "目标呢") continues it. The answerer reads and updates it; the chat layer keeps
 * one per conversation and decides how long it lasts.
 */
export interface Conversation {
  last: Resolution | null;
}

export interface Answerer {
  /** One answer per question found in the text (a message may hold two). */
  answer(question: string, ctx: AnswerContext, conversation?: Conversation): Answer[];
  /** Tasks that a short reference names ("任务九", "第3项", "上市公司"), best first; empty when none is confident. */
  findTasks(reference: string): TaskMatch[];
}

export interface TaskMatch {
  plan: ResponsibilityMatrix;
  task: Task;
  score: number;
}

/** Strips the bot's @mention ("@政策助手 ") that group messages carry. */
export function stripMention(text: string): string {
  return text.replace(/^\s*(@\S+\s*)+/, "").trim();
}

/** Splits a message into its questions: at question marks, semicolons, full stops and line breaks. */
export function splitQuestions(text: string): string[] {
  return text
    .split(/[?？;；。!！\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export interface AnswererOptions {
  /** for experiments: the tokenizer the index and questions use (default: bigrams) */
  tokenizer?: Tokenizer;
  /** readings of question segments kept for repeats (default READINGS_KEPT; 0: every question read afresh, as the
   * answers bench measures a question never asked before) */
  readingsKept?: number;
}

/** a sentence about the asker (我们这边想先去对接一下), not about the plan */
const ABOUT_THE_ASKER = /^(?:我|我们|咱们|俺|我这边|我们这边)/;
/** words that make such a sentence a question after all (我们局牵头哪些任务) */
const ASKS_SOMETHING = /[吗呢谁哪几多啥]|什么|怎么|如何|是否/;

/** How many readings of question segments an answerer keeps. */
const READINGS_KEPT = 1000;

export function createAnswerer(loaded: LoadedPlans, options: AnswererOptions = {}): Answerer {
  const index = buildPlanIndex(loaded.plans, options.tokenizer);
  const lookup = createDepartmentLookup(loaded);
  const resolver = createResolver(loaded, index, lookup);
  const expand = createExpander(loaded.glossary, index.knows);
  const namePlan = loaded.plans.length > 1;
  const examples = examplesFrom(loaded.plans);
  let corpus: string | undefined;
  const fixTypo = createTypoFixer(index, () => {
    corpus ??= plansText(loaded);
    return corpus;
  });

  // Questions repeat ("进展如何" in every group): each reading is kept, by segment, day and asker's departments.
  // Cleared whole at READINGS_KEPT (cheaper than tracking age; a reload makes a new answerer and a new cache).
  const readings = new Map<string, ReturnType<typeof readFresh>>();
  const readingsKept = options.readingsKept ?? READINGS_KEPT;
  function readSegment(segment: string, ctx: AnswerContext): ReturnType<typeof readFresh> {
    if (readingsKept === 0) return readFresh(segment, ctx);
    const key = `${segment}\u0000${ctx.today}\u0000${ctx.askerDepartments?.join("、") ?? ""}`;
    let read = readings.get(key);
    if (read === undefined) {
      if (readings.size >= readingsKept) readings.clear();
      read = readFresh(segment, ctx);
      readings.set(key, read);
    }
    return read;
  }

  /** One question of a message, parsed: with the asker's department named and a mistyped character repaired. */
  function readFresh(
    segment: string,
    ctx: AnswerContext,
  ): { parsed: ParsedQuestion; typo: TypoFix | null } | { unknownAsker: string } {
    const normalized = normalizeText(absoluteYears(segment, ctx.today));
    const own = nameAskersDepartment(normalized, ctx.askerDepartments);
    if (own.kind === "unknown") return { unknownAsker: own.said };
    const asked = own.kind === "named" ? own.text : normalized;
    const parsed = parseQuestion(expand(asked), lookup, asked);
    const typo = fixTypo(parsed.topic);
    if (!typo || !asked.includes(typo.from)) return { parsed, typo: null };
    const repaired = asked.replace(typo.from, typo.to);
    return { parsed: parseQuestion(expand(repaired), lookup, repaired), typo };
  }

  return {
    answer(question, ctx, conversation) {
      const segments = splitQuestions(stripMention(question));
      if (segments.length === 0) segments.push("帮助");
      const resolutions: Resolution[] = [];
      const readAs = new Map<Resolution, string>();
      for (const segment of segments) {
        // "…谁牵头？我们这边想先去对接一下，谢谢！": beside a question, what the asker says of themselves asks nothing.
        if (segments.length > 1 && ABOUT_THE_ASKER.test(segment) && !ASKS_SOMETHING.test(segment)) continue;
        const read = readSegment(segment, ctx);
        if ("unknownAsker" in read) {
          resolutions.push({ kind: "not_covered", subject: read.unknownAsker, why: "unknown_asker", nearest: [] });
          continue;
        }
        for (const parsed of eachDepartment(read.parsed).flatMap(eachTask).flatMap(eachSubject).flatMap(eachPart)) {
          const previous = resolutions.at(-1) ?? null;
          // Within a message the question before; at its start, what the chat remembers.
          const before = previous ? (continuable(previous) ?? previous) : (conversation?.last ?? null);
          let r = withDeadlineAsked(parsed, resolver.resolve(parsed, before, ctx.homePlan));
          // A follow-up about the same task ("…目标是多少?谁牵头?") merges into one answer.
          if (previous && sameSubject(previous, r)) {
            r = merged(previous, r);
            resolutions[resolutions.length - 1] = r;
          } else resolutions.push(r);
          // A subject several loaded plans hold, asked of none ("跨境电商谁牵头"): each plan's answer, by its title.
          if (!ctx.homePlan && (r.kind === "task" || r.kind === "goals")) {
            const first = r.plan.slug;
            for (const slug of resolver.plansCovering(parsed).filter((s) => s !== first)) {
              const other = withDeadlineAsked(parsed, resolver.resolve(parsed, before, slug));
              if ((other.kind === "task" || other.kind === "goals") && other.plan.slug === slug)
                resolutions.push(other);
            }
          }
          // Say how a mistyped word was read, unless nothing was found for it either way.
          const { typo } = read;
          if (typo && r.kind !== "not_covered" && r.kind !== "help")
            readAs.set(r, `(按“${typo.to}”理解“${typo.from}”)`);
        }
      }
      // "谢谢!上市公司目标呢": the thanks needs no reply of its own beside an answer.
      const answered = resolutions.filter((r) => !(r.kind === "help" && r.ack));
      if (answered.length > 0) resolutions.splice(0, resolutions.length, ...answered);
      // A thanks alone leaves the conversation where it was: "谢谢" then "那协同部门呢" still continues.
      if (conversation && answered.length > 0) {
        const last = resolutions.at(-1);
        conversation.last = continuable(last ?? null);
      }
      return resolutions.map((r) => ({
        intent: intentOf(r),
        plan: "plan" in r && r.plan ? r.plan.slug : r.kind === "dept_tasks" ? (r.plans[0]?.plan.slug ?? null) : null,
        tasks:
          r.kind === "task"
            ? [r.task]
            : r.kind === "dept_tasks"
              ? r.plans.slice(0, MAX_PLANS_LISTED).flatMap((p) => [...p.lead, ...p.partner])
              : [],
        text: [readAs.get(r), renderResolution(r, ctx, { namePlan, examples })].filter(Boolean).join("\n"),
      }));
    },
    findTasks: (reference) => resolver.findTasks(reference),
  };
}

/**
 * What a follow-up continues: a task, the goals or a department's tasks; and the task of a year the plan sets
 * nothing for ("上市公司今年的目标是多少?目前进展怎么样?": the second question is about 上市公司 still).
 */
function continuable(r: Resolution | null): Resolution | null {
  if (!r) return null;
  if (r.kind === "task" || r.kind === "goals" || r.kind === "dept_tasks") return r;
  if (r.kind === "not_covered" && r.why === "year" && r.task && r.plan) {
    return { kind: "task", plan: r.plan, task: r.task, intents: new Set(), focus: r.planned ?? null };
  }
  return null;
}

function sameSubject(a: Resolution, b: Resolution): boolean {
  if (a.kind === "task" && b.kind === "task") return a.plan === b.plan && a.task === b.task;
  return a.kind === "goals" && b.kind === "goals" && a.plan === b.plan;
}

/** The later of two answers about one subject, asked about the targets either asked about (all when one asked all). */
function merged(earlier: Resolution, later: Resolution): Resolution {
  if ((earlier.kind !== "task" && earlier.kind !== "goals") || (later.kind !== "task" && later.kind !== "goals")) {
    return later;
  }
  const intents = new Set([...earlier.intents, ...later.intents]);
  if (earlier.focus === null || later.focus === null) return { ...later, intents, focus: null };
  const asked = new Set([...earlier.focus, ...later.focus]);
  const all = later.kind === "task" ? later.task.targets : later.plan.goals.targets;
  return { ...later, intents, focus: all.filter((t) => asked.has(t)) };
}

/**
 * "科技局和财政局分别牵头什么": one question per department; otherwise the question as it is. (One word that fits
 * several departments is one mention, asked about: kinds/which-department.ts.)
 */
function eachDepartment(q: ParsedQuestion): ParsedQuestion[] {
  if (q.departments.length < 2 || q.taskNo !== null || !/分别|各自/.test(q.normalized)) return [q];
  return q.departments.map((d) => ({ ...q, departments: [d] }));
}

/** "任务七和任务八分别谁牵头": one question per task named. */
function eachTask(q: ParsedQuestion): ParsedQuestion[] {
  if (q.moreTaskNos.length === 0) return [q];
  return [q.taskNo, ...q.moreTaskNos].map((taskNo) => ({ ...q, taskNo, moreTaskNos: [] }));
}

/**
 * "百亿企业和上市公司目标分别是多少": one question per subject, when the question says 分别/各自. Subjects of one
 * task merge back into one answer (sameSubject). Not split at 及, which many plans' own names contain.
 */
function eachSubject(q: ParsedQuestion): ParsedQuestion[] {
  if (q.taskNo !== null || q.departments.length > 0 || !/分别|各自/.test(q.normalized)) return [q];
  const parts = q.topic
    .split(/以及|和|与|跟|、/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length < 2 ? [q] : parts.map((topic) => ({ ...q, topic }));
}

/** The plan's parts asked about together ("总体目标和重点任务分别有哪些", "…和保障措施"): one answer each. */
const PARTS = ["goals", "task_list", "measures"] as const;
function eachPart(q: ParsedQuestion): ParsedQuestion[] {
  const asked = PARTS.filter((p) => q.intents.has(p));
  if (asked.length < 2 || !/^[\s和与及、以]*$/.test(q.topic)) return [q];
  return asked.map((part) => {
    const intents = new Set(q.intents);
    for (const other of PARTS) if (other !== part) intents.delete(other);
    if (part !== "goals") intents.delete("targets");
    return { ...q, topic: "", intents };
  });
}

function intentOf(r: Resolution): Intent {
  if (r.kind === "shared_tasks" || r.kind === "departments" || r.kind === "which_department") return "dept_tasks";
  if (r.kind === "goals" || r.kind === "year_targets") return "goals";
  if (r.kind === "status_overview") return "status";
  if (r.kind === "recent_progress") return "progress";
  if (r.kind === "which_plan") return "help";
  if (r.kind === "task") {
    for (const i of ["progress", "partners", "lead", "targets"] as const) if (r.intents.has(i)) return i;
    return "lead";
  }
  return r.kind;
}
