// What a question resolved to, before it is rendered: the answer's content, independent of its wording.
import type { Measure, ResponsibilityMatrix, Target, Task } from "../plan/schema.js";
import type { TargetStatus } from "../progress/status.js";
import type { Intent } from "./types.js";

export type Resolution =
  | {
      kind: "task";
      plan: ResponsibilityMatrix;
      task: Task;
      intents: Set<Intent>;
      /** the targets the question is about; null = all of the task's targets */
      focus: Target[] | null;
      /** other tasks of the same plan that match the question as well as this one */
      alsoRelevant?: Task[];
      /** asked who leads or cooperates on something the task names: the sentence that names it */
      topicSentence?: string | undefined;
      /** the question asks for a figure about this: the task mentions it, but none of its targets is about it */
      noFigureFor?: { subject: string; sentence: string };
      checked?: FigureCheck;
      /** "协同部门有几个": say how many units lead and cooperate */
      countUnits?: boolean;
      /** "经贸发展局负责集成电路吗": whether the department named leads (or cooperates on) the task */
      roleCheck?: RoleCheck;
      /** "什么时候完成": the deadlines the plan states (src/answer/deadline.ts) */
      asksDeadline?: boolean;
      /** asked when: the plan's clause naming the subject with a time of its own (第三季度上线…) */
      dueClause?: string;
    }
  | {
      kind: "goals";
      plan: ResponsibilityMatrix;
      focus: Target[] | null;
      /** the subject as asked ("经济总量"): with a focus, the quote keeps the clauses naming it beside the figures */
      subject?: string;
      intents: Set<Intent>;
      /** tasks whose targets carry the same figures as the goals asked about (asked who leads, or how far along) */
      carriers?: Task[];
      /** "千亿产业是经贸发展局牵头吗": whether the department named leads the one task carrying the goal */
      roleCheck?: RoleCheck;
      /** asked which one a goal means ("千亿产业是哪个"): the carriers' own sentences say it */
      identify?: boolean;
      checked?: FigureCheck;
      /** "总体目标什么时候完成": the deadlines the plan states */
      asksDeadline?: boolean;
      /** "…是约束性指标吗": the rows of the indicator table for the goals asked, which say their kind and start */
      indicatorRows?: string[];
    }
  | {
      kind: "measures";
      plan: ResponsibilityMatrix;
      measures: Measure[];
      all: boolean;
      /** asked who is responsible: measures name no department, and the reply says so */
      askedWho?: boolean;
      /** asked for a figure ("营商环境排名目标"): measures set none, and the reply says so, naming what was asked */
      askedFigure?: string;
      /** asked about a kind of safeguard ("资金保障") the measures do not name: said so before the list */
      unmatched?: string;
      /** the task whose text mentions that kind of safeguard's subject, pointed to after the list */
      mentionedIn?: Task;
    }
  | {
      kind: "dept_tasks";
      department: string;
      plans: DepartmentTasks[];
      /** what the user typed, when it was a near miss of the department's name */
      saidAs?: string;
      /** asked for the targets: list each led task's targets under it */
      withTargets?: boolean;
    }
  | {
      kind: "task_list";
      plan: ResponsibilityMatrix;
      /** "哪些任务没有量化目标" / "哪些任务有量化目标": only the tasks without (or with) targets */
      targets?: "without" | "with";
      /** "协同部门最多的是哪个任务", "哪个任务的目标最多": every task, most first */
      rankedBy?: "partners" | "targets";
      /** "提升政务服务效能有哪些任务": the tasks under one heading */
      section?: string;
    }
  /** "2025年要完成哪些目标": every target due that year (and the recurring ones), the overall goals first */
  | {
      kind: "year_targets";
      plan: ResponsibilityMatrix;
      /** null: the targets set for every year (年均, 每年) */
      year: number | null;
      groups: { task: Task | null; targets: Target[] }[];
      /** set when the year has no target of its own, only yearly ones: the years the plan does set targets for */
      plannedYears?: number[];
    }
  /** every unit the plan names, with how many tasks each leads and cooperates on */
  | {
      kind: "departments";
      plan: ResponsibilityMatrix;
      units: UnitLoad[];
      groups: UnitLoad[];
      /** "经贸发展局和科技局谁牵头的任务多": only the departments named, compared */
      compared?: boolean;
    }
  | {
      kind: "status_overview";
      plan: ResponsibilityMatrix;
      /** the statuses asked about (behind, unreported…); null = every target */
      only: TargetStatus[] | null;
      /** only the tasks this department leads */
      department?: string;
    }
  /** "最近有什么新进展": records stored in a window of days (recent-window.ts reads it from `asked` and today) */
  | { kind: "recent_progress"; plan: ResponsibilityMatrix; asked: string }
  | {
      kind: "plan_info";
      plan: ResponsibilityMatrix;
      sentences: string[];
      defects: boolean;
      /** "这个计划讲了什么": goals, tasks and measures in brief after the plan's particulars */
      overview?: boolean;
      /** the particulars the question asks for ("哪天印发的": the date), answered first; none = all */
      asked?: PlanField[];
    }
  | { kind: "shared_tasks"; departments: string[]; plan: ResponsibilityMatrix; tasks: Task[] }
  /** help; `ack`: the message only thanked or acknowledged ("谢谢", "收到") */
  | { kind: "help"; ack?: boolean }
  /** a department asked about in words that fit several departments (of several plans, or of one): which one */
  | { kind: "which_department"; said: string; candidates: DepartmentCandidate[] }
  /** a question about a whole plan while several are loaded and none is named: which one, and how to name it */
  | { kind: "which_plan"; plans: { plan: ResponsibilityMatrix; key: string }[] }
  | {
      kind: "not_covered";
      /** what the plan does not cover, in the user's words */
      subject: string;
      why:
        | "no_match"
        | "unknown_department"
        | "year"
        /** a sum of money asked of a subject the plan sets none for */
        | "amount"
        | "no_such_task"
        | "department_leads_nothing"
        | "unknown_asker"
        | "no_antecedent";
      /** tasks nearest to the question, offered instead (titles only, never figures) */
      nearest: { plan: ResponsibilityMatrix; task: Task }[];
      /** for why = unknown_department: the plans' departments said most like it, offered likewise */
      nearDepartments?: string[];
      /** safeguard measures sharing its words, offered likewise (titles only) */
      nearMeasures?: Measure[];
      /** for why = year: the years the plan does set targets for */
      plannedYears?: number[];
      /** for why = no_match: sentences of the plan's opening that name the subject (no task carries it) */
      opening?: string[];
      /** for why = year: the subject's targets in the years the plan does set; for why = amount, what it sets */
      planned?: Target[];
      plan?: ResponsibilityMatrix;
      task?: Task;
    };

export interface DepartmentTasks {
  plan: ResponsibilityMatrix;
  lead: Task[];
  partner: Task[];
  /** tasks whose cooperating units include a collective (各部门) that takes in this department */
  viaGroup: { task: Task; group: string }[];
}

/** One department the words may mean, in one plan: how much it does there, and words that name it alone. */
export interface DepartmentCandidate {
  name: string;
  plan: ResponsibilityMatrix;
  lead: number;
  partner: number;
  /** how to ask for it alone (区财政局; 新站高新区财政局 when its own name fits another plan's too) */
  sayAs: string;
}

export interface UnitLoad {
  name: string;
  lead: number;
  partner: number;
}

/** Whether a named department leads (or cooperates on) a task: what was asked. */
export interface RoleCheck {
  department: string;
  asked: "lead" | "partner" | "either";
}

/** "上市公司目标是12家吗": whether the figure the question quotes is the plan's, and the plan's own targets for it. */
export interface FigureCheck {
  agrees: boolean;
  /** the targets with the quoted figure (agrees), or those in its unit the question is about (does not) */
  targets: Target[];
}

/** A particular of a plan a question can ask for. */
export type PlanField = "title" | "issuer" | "number" | "date" | "period" | "position";
