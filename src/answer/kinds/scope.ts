// What every kind of question resolves against, built once per set of loaded plans: the plans, their places,
// who does what per department, and the question as read (the plan it is about, what came before).
import { collectiveTakesIn } from "../../plan/collectives.js";
import type { LoadedPlans } from "../../plan/knowledge.js";
import type { ResponsibilityMatrix } from "../../plan/schema.js";
import type { PlanIndex } from "../../search/plan-index.js";
import type { DepartmentLookup } from "../department-lookup.js";
import { placeName, placeNames } from "../place-names.js";
import type { ParsedQuestion } from "../question.js";
import type { DepartmentTasks, Resolution } from "../resolution.js";

export interface PlanKey {
  plan: ResponsibilityMatrix;
  /** the place as the title names it (新站高新区) */
  key: string;
  /** every way people say the place, longest first */
  names: string[];
}

export interface Scope {
  loaded: LoadedPlans;
  index: PlanIndex;
  /** the departments' names as questions say them */
  lookup: DepartmentLookup;
  plans: Map<string, ResponsibilityMatrix>;
  /** names of collectives (各部门, 各区) */
  groups: string[];
  planKeys: PlanKey[];
  /** The plan whose place the question names (新站高新区, 新站区, 新站), longest name first. */
  namedPlan(q: ParsedQuestion): (PlanKey & { said: string }) | undefined;
  /** the tasks a department leads or cooperates on, one entry per plan */
  departmentTasks(name: string): DepartmentTasks[];
  /** every department of a plan with the tasks it leads and cooperates on */
  byDepartment: Map<string, DepartmentTasks[]>;
}

/** A question as the kinds see it: with the plan it is about and the answer before it. */
export interface Asked {
  q: ParsedQuestion;
  previous: Resolution | null;
  /** the plan the question is about: named, the group's own, or the only one loaded */
  plan: ResponsibilityMatrix | undefined;
  /** the plan the question names by its place */
  named: (PlanKey & { said: string }) | undefined;
  /** the plan of the group asked in, when the question names none */
  homePlan: ResponsibilityMatrix | undefined;
}

export function createScope(loaded: LoadedPlans, index: PlanIndex, lookup: DepartmentLookup): Scope {
  const plans = new Map(loaded.plans.map((p) => [p.slug, p]));
  const groups = loaded.directory.departments.filter((d) => d.kind === "group").map((d) => d.name);
  const planKeys = loaded.plans.map((p) => {
    const key = placeName(p.title);
    return { plan: p, key, names: placeNames(key) };
  });
  const byDepartment = departmentIndex(loaded.plans, groups);
  return {
    loaded,
    index,
    lookup,
    plans,
    groups,
    planKeys,
    namedPlan(q) {
      for (const k of planKeys) {
        const said = k.names.find((n) => q.normalized.includes(n));
        if (said) return { ...k, said };
      }
      return undefined;
    },
    departmentTasks: (name) => byDepartment.get(name) ?? [],
    byDepartment,
  };
}

// Who does what, per department, built once: a department's question then costs a lookup, not a scan.
function departmentIndex(plans: ResponsibilityMatrix[], groups: string[]): Map<string, DepartmentTasks[]> {
  const byDepartment = new Map<string, DepartmentTasks[]>();
  for (const plan of plans) {
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
  return byDepartment;
}

/** A kind of question: what it must contain, and the resolution it gets. undefined: not this kind. */
export interface QuestionKind {
  /** what the kind answers, for a reader of the table */
  name: string;
  resolve(asked: Asked, scope: Scope): Resolution | undefined;
  /**
   * The answer then goes through the checks that apply to any task or goals (a figure quoted, a department's role
   * asked, a year): set for the kinds that find a subject, not for those that answer a fixed form.
   */
  refined?: boolean;
}
