// "财政局负责什么" when the words fit several departments (财政局 of one plan and 区财政局 of another, or 发改 of a
// plan's 区发改委 and its 区发展改革局): ask which, naming each with its plan and how to ask for it alone, rather
// than answer for one chosen blindly or for all of them at once.
import type { ResponsibilityMatrix } from "../../plan/schema.js";
import { normalizeText } from "../../search/normalize.js";
import { localOf } from "../department-forms.js";
import type { DepartmentMention } from "../department-lookup.js";
import type { DepartmentCandidate } from "../resolution.js";
import { asksAboutDepartment } from "./department-tasks.js";
import type { QuestionKind, Scope } from "./scope.js";

export const WHICH_DEPARTMENT: QuestionKind = {
  name: "a department named in words that fit several",
  resolve({ q }, scope) {
    const open = q.departments.find((d) => d.among);
    if (!open?.among || !asksAboutDepartment(q)) return undefined;
    const candidates: DepartmentCandidate[] = open.among.flatMap((name) =>
      scope.departmentTasks(name).map((e) => ({
        name,
        plan: e.plan,
        lead: e.lead.length,
        partner: e.partner.length,
        sayAs: sayAs(name, e.plan, scope),
      })),
    );
    return { kind: "which_department", said: open.said, candidates };
  },
};

/**
 * The department's own name when that names it alone, in one plan; else with its plan's place (新站高新区财政局,
 * 青禾区财政局), which the resolver narrows to that plan's department.
 */
function sayAs(name: string, plan: ResponsibilityMatrix, scope: Scope): string {
  const [alone, ...more] = scope.lookup.find(normalizeText(name));
  const named = alone && !alone.among && alone.name === name && more.length === 0;
  if (named && scope.departmentTasks(name).length === 1) return name;
  const key = scope.planKeys.find((k) => k.plan === plan)?.key;
  return key ? `${key}${localOf(name)}` : name;
}

/**
 * The mention as the plan in scope reads it: of the departments the words fit, those the plan names ("新站区财政局"
 * is 新站高新区's 财政局; in 青禾区's group, 财政局 is 区财政局). Unchanged when the plan names none of them.
 */
export function narrowedTo(d: DepartmentMention, plan: ResponsibilityMatrix, scope: Scope): DepartmentMention {
  if (!d.among) return d;
  const inPlan = d.among.filter((name) => scope.departmentTasks(name).some((e) => e.plan === plan));
  const [name] = inPlan;
  if (!name) return d;
  const { among: _among, ...mention } = d;
  return inPlan.length > 1 ? { ...mention, name, among: inPlan } : { ...mention, name };
}
