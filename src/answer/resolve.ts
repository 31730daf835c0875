// Decides what a parsed question is about: a task, the goals, measures, a department's tasks — or nothing the plans cover.

import { collectiveTakesIn } from "../plan/collectives.js";
import type { LoadedPlans } from "../plan/knowledge.js";
import { chineseNumeral } from "../plan/numbers.js";
import { type Measure, RECURRING, type ResponsibilityMatrix, type Target, type Task } from "../plan/schema.js";
import { TargetStatus } from "../progress/status.js";
import { normalizeText } from "../search/normalize.js";
import type { Hit, PlanIndex } from "../search/plan-index.js";
import { checkYears, plannedYears, targetsWithFigure, withFigureCheck } from "./figures-asked.js";
import { placeName, placeNames } from "./place-names.js";
import { type ParsedQuestion, PLAN_OVERVIEW } from "./question.js";
import {
  ACKNOWLEDGEMENT,
  ANAPHOR,
  ASKS_ROLE,
  COMPARE_DEPARTMENTS,
  COUNT_TARGETS,
  COUNT_UNITS,
  DEFECTS,
  DEPARTMENT_OVERVIEW,
  DEPT_ENDING,
  EVERY_UNIT,
  EVERY_YEAR,
  EVERY_YEAR_WORDS,
  FIGURE_WORDS,
  GENERIC_TAIL,
  IDENTIFY,
  MOST_PARTNERS,
  MOST_TARGETS,
  OVERALL_CHARGE,
  OVERALL_CHARGE_STATED,
  OVERVIEW_TOPIC,
  OVERVIEW_WORDS,
  SAFEGUARD_KIND,
  SAFEGUARD_KIND_FILLER,
  TASKS_BY_TARGETS,
  TRIVIAL_TOPIC,
  WHOLE_PLAN_CHARGE,
  WHOLE_PLAN_INTENTS,
} from "./question-forms.js";
import { withoutRecentWords } from "./recent-window.js";
import type { DepartmentTasks, Resolution, UnitLoad } from "./resolution.js";

/** A topic is covered when the best passage holds at least this share of its terms. */
export const MIN_COVERAGE = 0.5;

export interface Resolver {
  /** `home`: the plan of the group asked in, for a question that names none */
  resolve(q: ParsedQuestion, previous: Resolution | null, home?: string): Resolution;
  /** "新站区税务局": of the departments one word names in several plans, those of the plan the question names */
  inNamedPlan(q: ParsedQuestion): ParsedQuestion;
  /** tasks named by a short reference, best first */
  findTasks(normalizedReference: string): { plan: ResponsibilityMatrix; task: Task; score: number }[];
}

export function createResolver(loaded: LoadedPlans, index: PlanIndex): Resolver {
  const plans = new Map(loaded.plans.map((p) => [p.slug, p]));
  const groups = loaded.directory.departments.filter((d) => d.kind === "group").map((d) => d.name);
  const planKeys = loaded.plans.map((p) => {
    const key = placeName(p.title);
    return { plan: p, key, names: placeNames(key) };
  });
  /** The plan whose place the question names (新站高新区, 新站区, 新站), longest name first. */
  const namedPlan = (q: ParsedQuestion) => {
    for (const k of planKeys) {
      const said = k.names.find((n) => q.normalized.includes(n));
      if (said) return { ...k, said };
    }
    return undefined;
  };

  const planOf = (q: ParsedQuestion): ResponsibilityMatrix | undefined =>
    namedPlan(q)?.plan ?? (loaded.plans.length === 1 ? loaded.plans[0] : undefined);

  const taskHits = (topic: string, restrict?: ResponsibilityMatrix): Hit[] =>
    index.search(topic, restrict ? (p) => p.plan === restrict.slug : undefined);

  /** Safeguard measures that share words with a question nothing covers ("考核机制": 强化督导激励 says 年度考核). */
  const nearestMeasures = (hits: Hit[]) => {
    const out: Measure[] = [];
    for (const h of hits) {
      if (h.passage.kind !== "measure" || out.length === 2) continue;
      const m = plans.get(h.passage.plan)?.measures.find((x) => String(x.no) === h.passage.ref);
      if (m && !out.includes(m)) out.push(m);
    }
    return out;
  };

  const nearestTasks = (hits: Hit[]) => {
    const seen = new Set<string>();
    const out: { plan: ResponsibilityMatrix; task: Task }[] = [];
    for (const h of hits) {
      const plan = plans.get(h.passage.plan);
      const task = plan?.tasks.find((t) => t.no === h.passage.taskNo);
      const key = `${h.passage.plan}#${h.passage.taskNo}`;
      if (!plan || !task || seen.has(key)) continue;
      seen.add(key);
      out.push({ plan, task });
      if (out.length === 3) break;
    }
    return out;
  };

  // Who does what, per department, built once: a department's question then costs a lookup, not a scan.
  const byDepartment = new Map<string, DepartmentTasks[]>();
  for (const plan of loaded.plans) {
    const entries = new Map<string, DepartmentTasks>();
    const entry = (name: string) => {
      let e = entries.get(name);
      if (!e) {
        e = { plan, lead: [], partner: [], viaGroup: [] };
        entries.set(name, e);
      }
      return e;
    };
    for (const t of plan.tasks) {
      for (const name of t.lead) entry(name).lead.push(t);
      for (const name of t.partners) if (!t.lead.includes(name)) entry(name).partner.push(t);
    }
    for (const [name, e] of entries) {
      if (groups.includes(name)) continue;
      // the same test as the right to record (auth/permission.ts), so answers and rights cannot disagree
      e.viaGroup = plan.tasks.flatMap((task) => {
        if (task.lead.includes(name) || task.partners.includes(name)) return [];
        const group = task.partners.find((p) => groups.includes(p) && collectiveTakesIn(p, name));
        return group ? [{ task, group }] : [];
      });
    }
    for (const [name, e] of entries) {
      const list = byDepartment.get(name);
      if (list) list.push(e);
      else byDepartment.set(name, [e]);
    }
  }
  const departmentTasks = (name: string): DepartmentTasks[] => byDepartment.get(name) ?? [];

  const departmentsOverview = (plan: ResponsibilityMatrix): Resolution => {
    const loads: UnitLoad[] = [];
    for (const [name, entries] of byDepartment) {
      const e = entries.find((x) => x.plan === plan);
      if (e) loads.push({ name, lead: e.lead.length, partner: e.partner.length });
    }
    loads.sort((a, b) => b.lead - a.lead || b.partner - a.partner || a.name.localeCompare(b.name, "zh"));
    return {
      kind: "departments",
      plan,
      units: loads.filter((u) => !groups.includes(u.name)),
      groups: loads.filter((u) => groups.includes(u.name)),
    };
  };

  /**
   * The heading of a group of tasks the topic names: all of the topic's terms in the heading, and most of the
   * heading's in the topic ("优化要素" for 优化要素保障). Only headings over two tasks or more.
   */
  const sectionNamed = (plan: ResponsibilityMatrix, topic: string): string | undefined => {
    const terms = new Set(index.termsOf(topic));
    if (terms.size < 2) return undefined;
    const headings = new Map<string, number>();
    for (const t of plan.tasks) {
      const heading = t.section.split(" · ")[1];
      if (heading) headings.set(heading, (headings.get(heading) ?? 0) + 1);
    }
    for (const [heading, count] of headings) {
      if (count < 2) continue;
      const own = new Set(index.termsOf(normalizeText(heading)));
      if (shareIn(own, terms) >= 0.99 && shareIn(terms, own) >= 0.6) return heading;
    }
    return undefined;
  };

  /** The opening sentences (of the plan asked about, or of any) that hold every term of a topic of two or more. */
  // Each plan's opening sentences as terms, computed once: with 1,000 plans, normalizing them for every question
  // cost ~10 ms a question.
  const preambleTerms = new WeakMap<ResponsibilityMatrix, Set<string>[]>();
  const openingTermsOf = (plan: ResponsibilityMatrix) => {
    let terms = preambleTerms.get(plan);
    if (!terms) {
      terms = plan.preamble.map((x) => new Set(index.termsOf(normalizeText(x))));
      preambleTerms.set(plan, terms);
    }
    return terms;
  };
  const openingNaming = (topic: string, restrict?: ResponsibilityMatrix) => {
    const terms = new Set(index.termsOf(topic));
    if (terms.size < 2) return undefined;
    for (const plan of restrict ? [restrict] : loaded.plans) {
      const own = openingTermsOf(plan);
      const sentences = plan.preamble.filter((_, i) => shareIn(own[i] as Set<string>, terms) >= 0.99);
      if (sentences.length > 0) return { plan, sentences };
    }
    return undefined;
  };

  const resolveTopic = (asked: ParsedQuestion, restrict?: ResponsibilityMatrix): Resolution => {
    // "物流业", "品牌建设" where the plan says 物流, 品牌: a generic tail the plans never attach to the word is dropped.
    const q = { ...asked, topic: asked.topic.replace(GENERIC_TAIL, (m, c: string) => (index.knows(m) ? m : c)) };
    // The passage that holds most of the question's terms wins; the BM25 score only breaks ties.
    const hits = taskHits(q.topic, restrict).sort((a, b) => b.coverage - a.coverage || b.score - a.score);
    const best = hits[0];
    const terms = index.termsOf(q.topic);
    const enough = best && best.coverage >= MIN_COVERAGE && (best.matched >= 2 || terms.length === 1);
    // A word the plans never use (汽车 in 新能源汽车) is not covered, however much of the rest matches.
    // "现代产业体系": said whole only in the plan's opening paragraph, where no task, lead or figure is attached.
    // Only asked when no passage holds the whole topic: the opening paragraph matters only then.
    const opening = !best || !enough || best.coverage < 0.99 ? openingNaming(q.topic, restrict) : undefined;
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
      const near = notCovered(q, "no_match", nearestTasks(hits));
      const measures = nearestMeasures(hits);
      return measures.length > 0 ? { ...near, nearMeasures: measures } : near;
    }
    const plan = plans.get(best.passage.plan) as ResponsibilityMatrix;
    if (best.passage.kind === "measure") {
      const m = plan.measures.find((x) => String(x.no) === best.passage.ref);
      const askedWho = q.intents.has("lead") || q.intents.has("partners");
      // "宣传有什么要求" asks for the text; "宣传的目标是多少" for a figure, which measures never set.
      const figureWords = FIGURE_WORDS.test(q.normalized);
      const askedFigure =
        q.intents.has("targets") && figureWords && !askedWho ? q.topic.replace(/\s+/g, "") : undefined;
      if (m)
        return { kind: "measures", plan, measures: [m], all: false, askedWho, ...(askedFigure ? { askedFigure } : {}) };
    }
    // Aggregate passages by task: a task's target passages speak for the task too.
    const taskNo = bestTaskNo(hits, best.passage.plan);
    if (taskNo === 0) return goals(plan, q);
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
  };

  /** The goals; for a question about who leads, also the tasks that carry the same figure (goals name no lead). */
  const goals = (
    plan: ResponsibilityMatrix,
    q: ParsedQuestion,
    focus = focusTargets(plan.goals.targets, q, index),
  ): Resolution => {
    const asked = focus ?? plan.goals.targets;
    const identify = focus !== null && IDENTIFY.test(q.normalized);
    const wantsCarriers = identify || q.intents.has("lead") || q.intents.has("partners") || q.intents.has("progress");
    if (!wantsCarriers) return { kind: "goals", plan, focus, intents: q.intents };
    const carriers = plan.tasks.filter((t) =>
      t.targets.some((x) => asked.some((g) => g.value !== null && g.value === x.value && g.unit === x.unit)),
    );
    return { kind: "goals", plan, focus, intents: q.intents, carriers, ...(identify ? { identify } : {}) };
  };

  /** Every target due in `year`: dated that year, recurring (每年, 年均) within the period, or undated at its end. */
  const yearTargets = (plan: ResponsibilityMatrix, year: number): Resolution => {
    const period = plan.period;
    const inPeriod = !period || (year >= period.startYear && year <= period.endYear);
    // A 年均 target holds in every year of the period, whatever year its sentence runs to ("到2025年…年均下降3%").
    const recurring = (t: Target) => RECURRING.test(t.metric) && inPeriod;
    const due = (t: Target) => {
      if (recurring(t)) return true;
      if (t.year !== null) return t.year === year;
      if (RECURRING.test(t.sentence)) return inPeriod;
      return period?.endYear === year;
    };
    const groups = [
      { task: null, targets: plan.goals.targets.filter(due) },
      ...plan.tasks.map((task) => ({ task, targets: task.targets.filter(due) })),
    ].filter((g) => g.targets.length > 0);
    const planned = plannedYears([...plan.goals.targets, ...plan.tasks.flatMap((t) => t.targets)]);
    if (groups.length > 0) {
      // Only the yearly ones fall in this year: say that the plan sets nothing for the year itself.
      const onlyRecurring = groups.every((g) => g.targets.every((t) => t.year !== year && recurring(t)));
      return { kind: "year_targets", plan, year, groups, ...(onlyRecurring ? { plannedYears: planned } : {}) };
    }
    return { kind: "not_covered", subject: `${year}年的目标`, why: "year", nearest: [], plannedYears: planned, plan };
  };

  const notCovered = (
    q: ParsedQuestion,
    why: Extract<Resolution, { kind: "not_covered" }>["why"],
    nearest: { plan: ResponsibilityMatrix; task: Task }[],
  ): Extract<Resolution, { kind: "not_covered" }> => ({ kind: "not_covered", subject: subjectOf(q), why, nearest });

  return {
    resolve(question, previous, home) {
      let q = question;
      if (q.intents.has("help")) return { kind: "help" };
      if (ACKNOWLEDGEMENT.test(q.normalized)) return { kind: "help", ack: true };
      // "科技局牵头哪些任务" then "目标呢" / "进展如何": the follow-up asks about that department's tasks.
      if (
        previous?.kind === "dept_tasks" &&
        q.departments.length === 0 &&
        q.taskNo === null &&
        (!q.topic || TRIVIAL_TOPIC.test(q.topic)) &&
        !q.intents.has("goals") &&
        (q.intents.has("targets") || q.intents.has("progress"))
      ) {
        // The department becomes the subject, as if named: nothing else is asked about.
        const name = previous.department;
        q = { ...q, departments: [{ name, said: name }], topic: "" };
      }
      const homePlan = home !== undefined && !namedPlan(q) ? plans.get(home) : undefined;
      const plan = homePlan ?? planOf(q);
      const named = namedPlan(q);
      // Every name of the place goes (新站 is left of 新站高新区 once 高新区 is taken as a filler).
      if (named) q = { ...q, topic: named.names.reduce((t, n) => t.split(n).join(" "), q.topic).trim() };

      // "总体目标有哪些" with several plans loaded and none named: ask which, rather than guess or show help.
      if (
        !plan &&
        !previous &&
        q.taskNo === null &&
        q.departments.length === 0 &&
        WHOLE_PLAN_INTENTS.some((i) => q.intents.has(i))
      ) {
        const subject = q.topic
          .replace(OVERVIEW_WORDS, " ")
          .replace(/讲|说|内容|介绍/g, "")
          .trim();
        if (!subject || TRIVIAL_TOPIC.test(subject)) return { kind: "which_plan", plans: planKeys };
      }

      if (
        q.intents.has("plan_info") &&
        !q.intents.has("task_list") &&
        plan &&
        q.taskNo === null &&
        q.departments.length === 0
      ) {
        const terms = new Set(index.termsOf(q.topic));
        const relevant = plan.preamble.filter((s) => index.termsOf(normalizeText(s)).some((t) => terms.has(t)));
        const defects = DEFECTS.test(q.normalized);
        const overview = PLAN_OVERVIEW.test(q.normalized) && !defects;
        // "跨境电商讲了什么": the words of an overview, asked of a subject the plan covers: that subject's task.
        const subject = overview ? q.topic.replace(OVERVIEW_WORDS, " ").trim() : "";
        if (subject && !TRIVIAL_TOPIC.test(subject)) {
          const about = resolveTopic({ ...q, topic: subject }, plan);
          if (about.kind === "task") return about;
        }
        return { kind: "plan_info", plan, sentences: overview ? [] : relevant.slice(0, 2), defects, overview };
      }

      if (q.unknownDepartment) {
        return { kind: "not_covered", subject: q.unknownDepartment, why: "unknown_department", nearest: [] };
      }
      // "经贸发展局和科技局谁牵头的任务多": the departments named, side by side.
      if (plan && q.departments.length >= 2 && COMPARE_DEPARTMENTS.test(q.normalized)) {
        const all = departmentsOverview(plan);
        if (all.kind === "departments") {
          const loads = [...all.units, ...all.groups];
          const units = q.departments.map(
            (d) => loads.find((u) => u.name === d.name) ?? { name: d.name, lead: 0, partner: 0 },
          );
          return { ...all, units, groups: [], compared: true };
        }
      }
      // "哪个部门牵头任务最多", "有哪些部门", "各部门分别牵头几项": every unit with its load, not one department's tasks.
      const onlyCollective = q.departments.every((d) => groups.includes(d.name));
      if (
        plan &&
        q.taskNo === null &&
        onlyCollective &&
        DEPARTMENT_OVERVIEW.test(q.normalized) &&
        // "产业布局的协同部门有哪些" asks about a subject's departments, not for every department
        (!q.topic || OVERVIEW_TOPIC.test(q.topic)) &&
        // right after a task, "协同部门有哪些" continues it; "所有部门" still asks for all
        !(previous && (previous.kind === "task" || previous.kind === "goals") && !EVERY_UNIT.test(q.normalized))
      ) {
        return departmentsOverview(plan);
      }
      const dept = q.departments[0];
      if (q.intents.has("status") && plan && q.taskNo === null && q.departments.length <= 1) {
        return {
          kind: "status_overview",
          plan,
          only: statusesAsked(q.normalized),
          ...(dept ? { department: dept.name } : {}),
        };
      }
      if (
        q.intents.has("recent") &&
        plan &&
        q.taskNo === null &&
        q.departments.length === 0 &&
        !withoutRecentWords(q.topic)
      ) {
        return { kind: "recent_progress", plan, asked: q.normalized };
      }
      const asksDeptTasks =
        dept &&
        q.taskNo === null &&
        (!q.topic ||
          /(牵头|负责|配合|协同|参与|承担|主抓|涉及)(了)?(的是)?(哪些|哪几|哪项|什么|几项|的任务)|哪些任务|哪几项任务|的任务|哪些工作|哪项工作|重点工作|(工作|任务)有哪些|清单|列表|干什么|做什么|干啥|职责/.test(
            q.normalized,
          )) &&
        !/谁/.test(q.normalized);
      if (dept && asksDeptTasks && q.departments.length >= 2 && !/分别|各自/.test(q.normalized)) {
        const names = q.departments.map((d) => d.name);
        const home = plan ?? loaded.plans[0];
        if (home) {
          const tasks = home.tasks.filter((t) => names.every((n) => t.lead.includes(n) || t.partners.includes(n)));
          return { kind: "shared_tasks", departments: names, plan: home, tasks };
        }
      }
      if (dept && asksDeptTasks) {
        const entries = departmentTasks(dept.name);
        if (entries.length === 0)
          return { kind: "not_covered", subject: dept.name, why: "department_leads_nothing", nearest: [] };
        // "财政局负责的任务进展如何": how the targets of the tasks it leads stand.
        const leadsHere = plan && entries.some((e) => e.plan === plan && e.lead.length > 0);
        if (q.intents.has("progress") && plan && leadsHere) {
          return { kind: "status_overview", plan, only: null, department: dept.name };
        }
        return {
          kind: "dept_tasks",
          department: dept.name,
          plans: entries,
          ...(dept.corrected ? { saidAs: dept.said } : {}),
          // "科技局牵头的任务有哪些目标": each led task with its targets.
          ...(q.intents.has("targets") && /目标|指标/.test(q.normalized) ? { withTargets: true } : {}),
        };
      }

      // "提升政务服务效能有哪些任务": a heading that groups several tasks (（一）提升… over 1. 2.) lists them.
      const section = plan && q.taskNo === null && q.departments.length === 0 ? sectionNamed(plan, q.topic) : undefined;
      if (plan && section) return { kind: "task_list", plan, section };

      if (q.intents.has("measures") && plan) {
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
          const elsewhere = resolveTopic({ ...q, topic: kind }, plan);
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
        if (!q.topic || /措施/.test(q.normalized))
          return { kind: "measures", plan, measures: plan.measures, all: true };
      }

      // "谁是总负责": tasks name leads; the overall responsibility is in a measure (主要领导负总责), when there is one.
      if (
        plan &&
        q.taskNo === null &&
        q.departments.length === 0 &&
        (OVERALL_CHARGE.test(q.normalized) || WHOLE_PLAN_CHARGE.test(q.normalized))
      ) {
        const overall = plan.measures.find((m) => OVERALL_CHARGE_STATED.test(m.text));
        if (overall) return { kind: "measures", plan, measures: [overall], all: false };
        // No measure names who is in overall charge: say so, and list the measures that organise the work.
        if (plan.measures.length > 0)
          return { kind: "measures", plan, measures: plan.measures, all: true, askedWho: true };
      }

      // "每年都要完成的目标有哪些": the targets set for every year of the plan, not for one.
      if (
        plan &&
        q.taskNo === null &&
        EVERY_YEAR.test(q.normalized) &&
        TRIVIAL_TOPIC.test(q.topic.replace(EVERY_YEAR_WORDS, ""))
      ) {
        const groups = plan.tasks
          .map((task) => ({ task, targets: task.targets.filter((t) => RECURRING.test(t.metric)) }))
          .filter((g) => g.targets.length > 0);
        if (groups.length > 0) return { kind: "year_targets", plan, year: null, groups };
      }

      const ranked = MOST_PARTNERS.test(q.normalized) ? "partners" : MOST_TARGETS.test(q.normalized) ? "targets" : null;
      if (ranked && plan && q.taskNo === null && q.departments.length === 0) {
        return { kind: "task_list", plan, rankedBy: ranked };
      }
      const withOrWithout = TASKS_BY_TARGETS.exec(q.normalized);
      if (withOrWithout && plan && q.taskNo === null && q.departments.length === 0) {
        return { kind: "task_list", plan, targets: (withOrWithout[1] ?? withOrWithout[2]) ? "without" : "with" };
      }

      let resolution: Resolution;
      if (q.taskNo !== null && plan) {
        const task = plan.tasks.find((t) => t.no === q.taskNo);
        if (!task)
          return { kind: "not_covered", subject: `第${q.taskNo}项任务`, why: "no_such_task", nearest: [], plan };
        resolution = { kind: "task", plan, task, intents: q.intents, focus: focusTargets(task.targets, q, index) };
      } else if (q.intents.has("goals") && plan) {
        const subjects = beyondGoals(plan, q, index) ? resolveTopic(q, plan) : undefined;
        resolution = subjects?.kind === "task" ? subjects : goals(plan, q);
      } else if (!q.topic || TRIVIAL_TOPIC.test(q.topic)) {
        if (q.intents.has("task_list") && plan) return { kind: "task_list", plan };
        // "这个计划有多少个量化指标": every task's target, counted and listed with its status.
        if (COUNT_TARGETS.test(q.normalized) && plan) return { kind: "status_overview", plan, only: null };

        const anaphor = ANAPHOR.exec(q.normalized);
        if (previous && (previous.kind === "task" || previous.kind === "goals")) {
          resolution = { ...previous, intents: new Set([...previous.intents, ...q.intents]), focus: previous.focus };
        } else if (anaphor && !previous) {
          // "它的目标" with nothing asked before: which task "它" is cannot be known; ask rather than guess.
          return { kind: "not_covered", subject: anaphor[0], why: "no_antecedent", nearest: [] };
        } else if (q.intents.has("progress") && plan && !q.intents.has("goals")) {
          // "进展如何" about nothing in particular: how every target stands.
          return { kind: "status_overview", plan, only: null };
        } else if (plan && q.years[0] !== undefined && !q.intents.has("goals")) {
          return yearTargets(plan, q.years[0]);
        } else if (q.intents.has("goals") || (q.intents.has("targets") && plan && !q.intents.has("lead"))) {
          resolution = plan ? { kind: "goals", plan, focus: null, intents: q.intents } : { kind: "help" };
        } else {
          return plan ? { kind: "task_list", plan } : { kind: "help" };
        }
      } else {
        resolution = resolveTopic(q, plan && (named || homePlan) ? plan : undefined);
        // "距离800亿还差多少": no words for the subject, but its figure is a target's.
        if (resolution.kind === "not_covered" && resolution.why === "no_match" && plan) {
          const byFigure = targetsWithFigure(plan, q.topic);
          if (byFigure?.task === null) resolution = goals(plan, q, byFigure.targets);
          else if (byFigure?.task) {
            resolution = { kind: "task", plan, task: byFigure.task, intents: q.intents, focus: byFigure.targets };
          }
        }
      }
      // "800亿的目标谁负责": the goals, narrowed to the one whose figure is quoted.
      if (resolution.kind === "goals" && resolution.focus === null) {
        const byFigure = targetsWithFigure(resolution.plan, q.topic);
        if (byFigure?.task === null) resolution = goals(resolution.plan, q, byFigure.targets);
      }
      // "1100万元/亩是哪个指标": a task found by its words, narrowed to the target whose figure is quoted.
      if (resolution.kind === "task" && !resolution.noFigureFor) {
        const all = resolution.task.targets;
        const byFigure =
          resolution.focus && resolution.focus.length < all.length
            ? undefined
            : targetsWithFigure(resolution.plan, q.topic);
        if (byFigure?.task === resolution.task) resolution = { ...resolution, focus: byFigure.targets };
      }
      if (resolution.kind === "task" && COUNT_UNITS.test(q.normalized))
        resolution = { ...resolution, countUnits: true };
      // "科技局是第三项任务的牵头部门吗", "投资促进局在任务一中是牵头还是协同": answered yes or no first.
      const [named1, ...others] = q.departments;
      if (named1 && others.length === 0 && ASKS_ROLE.test(q.normalized)) {
        const asked = /还是/.test(q.normalized)
          ? "either"
          : /协同|配合|参与|协助|partner|cooperat|involved|take part|join/.test(q.normalized)
            ? "partner"
            : "lead";
        const roleCheck = { department: named1.name, asked } as const;
        if (resolution.kind === "task") resolution = { ...resolution, roleCheck };
        // A goal carried by one task ("千亿产业是经贸发展局牵头吗"): that task's departments answer.
        else if (resolution.kind === "goals" && resolution.carriers?.length === 1)
          resolution = { ...resolution, roleCheck };
      }
      return checkYears(withFigureCheck(resolution, q), q);
    },
    inNamedPlan(q) {
      const named = q.departments.length > 1 ? namedPlan(q) : undefined;
      if (!named) return q;
      const inPlan = new Set(named.plan.tasks.flatMap((t) => [...t.lead, ...t.partners]));
      const kept = q.departments.filter((d) => inPlan.has(d.name));
      return kept.length > 0 && kept.length < q.departments.length ? { ...q, departments: kept } : q;
    },
    findTasks(reference) {
      const q = normalizeText(reference);
      const byNumber = /^(?:任务|第)?\s*([一二三四五六七八九十\d]{1,3})\s*(?:项)?(?:任务)?$/.exec(q);
      if (byNumber?.[1]) {
        const no = /^\d+$/.test(byNumber[1]) ? Number(byNumber[1]) : chineseNumeral(byNumber[1]);
        return loaded.plans.flatMap((plan) =>
          plan.tasks.filter((t) => t.no === no).map((task) => ({ plan, task, score: 1 })),
        );
      }
      const hits = index.search(q).filter((h) => h.passage.taskNo > 0 && h.coverage >= MIN_COVERAGE);
      const seen = new Set<string>();
      const out: { plan: ResponsibilityMatrix; task: Task; score: number }[] = [];
      for (const h of hits) {
        const key = `${h.passage.plan}#${h.passage.taskNo}`;
        const plan = plans.get(h.passage.plan);
        const task = plan?.tasks.find((t) => t.no === h.passage.taskNo);
        if (seen.has(key) || !plan || !task) continue;
        seen.add(key);
        out.push({ plan, task, score: h.score });
      }
      return out;
    },
  };
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
  if (taskCover - shareIn(targetSentenceTerms(task, index), terms) < 0.25) return undefined;
  const sentence = sentenceNaming(task, terms, index)?.sentence ?? task.sentences[0] ?? "";
  return {
    subject: subjectOf(q)
      .replace(/\s+/g, "")
      .replace(/(.{2,})[亩家个项元%]$/, "$1"),
    sentence,
  };
}

const taskSentenceTermsCache = new WeakMap<Task, Set<string>[]>();

/** The task's sentence holding most of the terms (the first on a tie), and how many; undefined when none holds any. */
function sentenceNaming(
  task: Task,
  terms: Set<string>,
  index: PlanIndex,
): { sentence: string; held: number } | undefined {
  let perSentence = taskSentenceTermsCache.get(task);
  if (!perSentence) {
    perSentence = task.sentences.map((s) => new Set(index.termsOf(normalizeText(s))));
    taskSentenceTermsCache.set(task, perSentence);
  }
  let best: { sentence: string; held: number } | undefined;
  perSentence.forEach((pool, i) => {
    let held = 0;
    for (const t of terms) if (pool.has(t)) held++;
    if (held > (best?.held ?? 0)) best = { sentence: task.sentences[i] ?? "", held };
  });
  return best;
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
  return named && named.held > titleHeld ? named.sentence : undefined;
}

/** A target's metric as terms, computed once per target rather than once per question. */
const metricTermsCache = new WeakMap<Target, string[]>();

function metricTerms(t: Target, index: PlanIndex): string[] {
  let terms = metricTermsCache.get(t);
  if (!terms) {
    terms = index.termsOf(normalizeText(t.metric));
    metricTermsCache.set(t, terms);
  }
  return terms;
}

/** "哪些任务滞后" → behind (and, once the period is over, missed); "没有进展" → unreported or stale; null = all. */
function statusesAsked(normalized: string): TargetStatus[] | null {
  if (/滞后|落后|进度慢/.test(normalized)) return ["behind", "missed"];
  if (/没有进展|无进展|没进展|没填报|未填报|没有填报|没更新|未更新|没有更新|久未|停滞/.test(normalized))
    return ["no_record", "stale"];
  if (/没完成|未完成|没有完成|没达标|未达标/.test(normalized)) return TargetStatus.filter((s) => s !== "done");
  if (/已经?完成|完成了|已经?达标|达标了/.test(normalized)) return ["done"];
  return null;
}

/** The targets whose metric the question names; null when it names none (then all are shown). */
function focusTargets(targets: Target[], q: ParsedQuestion, index: PlanIndex): Target[] | null {
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

/**
 * "跨境电商发展目标是什么": 发展目标 reads like the overall goals, but the subject is one the goals' sentences never
 * mention; the subject's own task answers it. A subject the goals do mention (经济总量) stays with the goals.
 */
function beyondGoals(plan: ResponsibilityMatrix, q: ParsedQuestion, index: PlanIndex): boolean {
  if (!q.topic || TRIVIAL_TOPIC.test(q.topic)) return false;
  const terms = new Set(index.termsOf(q.topic));
  if (terms.size === 0) return false;
  const goalTerms = new Set(plan.goals.targets.flatMap((t) => [...sentenceTerms(t, index)]));
  return shareIn(goalTerms, terms) < MIN_COVERAGE;
}

function shareIn(pool: Set<string>, terms: Set<string>): number {
  let n = 0;
  for (const t of terms) if (pool.has(t)) n++;
  return n / Math.max(1, terms.size);
}

const taskTargetTermsCache = new WeakMap<Task, Set<string>>();

/** The terms of all the sentences (and metrics) of a task's targets together. */
function targetSentenceTerms(task: Task, index: PlanIndex): Set<string> {
  let terms = taskTargetTermsCache.get(task);
  if (!terms) {
    terms = new Set(task.targets.flatMap((t) => [...sentenceTerms(t, index)]));
    taskTargetTermsCache.set(task, terms);
  }
  return terms;
}

const sentenceTermsCache = new WeakMap<Target, Set<string>>();

/** The terms of the plan's sentence that holds a target (and of its metric). */
function sentenceTerms(t: Target, index: PlanIndex): Set<string> {
  let terms = sentenceTermsCache.get(t);
  if (!terms) {
    terms = new Set([...index.termsOf(normalizeText(t.sentence)), ...metricTerms(t, index)]);
    sentenceTermsCache.set(t, terms);
  }
  return terms;
}

/** The topic as the reply repeats it: Chinese words joined, latin words kept apart. */
function subjectOf(q: ParsedQuestion): string {
  // Words the glossary added (招商 → 招引) are the plan's, not the user's: the subject repeats the user's own.
  const words = q.topic.split(/\s+/).filter(Boolean);
  const own = words.filter((w) => q.asked.includes(w));
  // "财政收入": a department's short name (财政 for 财政局) written into the subject is part of it here.
  const first = own[0];
  const joined = first && q.departments.find((d) => !DEPT_ENDING.test(d.said) && q.asked.includes(d.said + first));
  if (joined && first) own[0] = joined.said + first;
  const shown = own.length > 0 ? inUsersWords(own, q.asked) : words.join(" ");
  return shown.replace(/(?<=[^a-z0-9])\s+|\s+(?=[^a-z0-9])/g, "") || q.normalized;
}

/**
 * The subject as the user wrote it: a one-character gap the parser took out between two words comes back
 * (招商引资到位资金, not 招商引资位资金), and a one-character word left at the end (the 亿 of 多少亿) goes.
 */
function inUsersWords(words: string[], asked: string): string {
  const kept = words.length > 1 && (words.at(-1)?.length ?? 0) < 2 ? words.slice(0, -1) : words;
  let out = "";
  let end = -1;
  for (const w of kept) {
    const at = asked.indexOf(w, Math.max(0, end));
    if (at < 0) return kept.join(" ");
    if (end >= 0) out += at - end === 1 ? (asked[end] ?? "") : " ";
    out += w;
    end = at + w.length;
  }
  return out;
}
