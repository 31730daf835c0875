// Questions about the departments themselves: one the plans never name, two compared ("经贸发展局和科技局谁牵头的
//任务多"), and every unit with its load ("哪个部门牵头任务最多", "有哪些部门").
import type { ResponsibilityMatrix } from "../../plan/schema.js";
import { COMPARE_DEPARTMENTS, DEPARTMENT_OVERVIEW, EVERY_UNIT, OVERVIEW_TOPIC } from "../question-forms.js";
import type { Resolution, UnitLoad } from "../resolution.js";
import type { QuestionKind, Scope } from "./scope.js";

export const UNKNOWN_DEPARTMENT: QuestionKind = {
  name: "a department no plan names",
  resolve: ({ q }) =>
    q.unknownDepartment
      ? {
          kind: "not_covered",
          subject: q.unknownDepartment,
          why: "unknown_department",
          nearest: [],
          nearDepartments: q.nearDepartments,
        }
      : undefined,
};

export const COMPARED_DEPARTMENTS: QuestionKind = {
  name: "departments compared",
  resolve({ q, plan }, scope) {
    if (!plan || q.departments.length < 2 || !COMPARE_DEPARTMENTS.test(q.normalized)) return undefined;
    const all = departmentsOverview(scope, plan);
    if (all.kind !== "departments") return undefined;
    const loads = [...all.units, ...all.groups];
    const units = q.departments.map(
      (d) => loads.find((u) => u.name === d.name) ?? { name: d.name, lead: 0, partner: 0 },
    );
    return { ...all, units, groups: [], compared: true };
  },
};

export const EVERY_DEPARTMENT: QuestionKind = {
  name: "every department with its load",
  resolve({ q, plan, previous }, scope) {
    const onlyCollective = q.departments.every((d) => scope.groups.includes(d.name));
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
      return departmentsOverview(scope, plan);
    }
    return undefined;
  },
};

function departmentsOverview(scope: Scope, plan: ResponsibilityMatrix): Resolution {
  const loads: UnitLoad[] = [];
  for (const [name, entries] of scope.byDepartment) {
    const e = entries.find((x) => x.plan === plan);
    if (e) loads.push({ name, lead: e.lead.length, partner: e.partner.length });
  }
  loads.sort((a, b) => b.lead - a.lead || b.partner - a.partner || a.name.localeCompare(b.name, "zh"));
  return {
    kind: "departments",
    plan,
    units: loads.filter((u) => !scope.groups.includes(u.name)),
    groups: loads.filter((u) => scope.groups.includes(u.name)),
  };
}
