// Which departments a collective unit (各部门, 各社区管委会) takes in: the one test that answers ("X supports which
// tasks") and the right to record progress share, so that they cannot disagree.
import { kindOf } from "./departments.js";

/**
 * Collectives that mean every department: 各部门, 各相关部门, 各有关单位, 各单位, 各级各部门. Others name a group of
 * bodies of one kind (各社区管委会, 各区政府), not every department.
 */
const EVERY_DEPARTMENT = /^各(?:级各)?(?:有关|相关|成员)?(?:部门|单位)(?:[(（](?:单位|部门)[)）])?$/;

export function meansEveryDepartment(unit: string): boolean {
  return EVERY_DEPARTMENT.test(unit);
}

/**
 * Whether `unit` (a task's lead or partner as the plan writes it) takes in `department`: it is that department, a
 * collective meaning every department, or a group of bodies the department is one of (各社区管委会 takes in
 * 七里塘社区管委会; 各区政府 takes in 东城区政府).
 */
export function collectiveTakesIn(unit: string, department: string): boolean {
  if (unit === department) return true;
  if (kindOf(unit) !== "group") return false;
  if (meansEveryDepartment(unit)) return true;
  const member = unit.slice(1);
  return member.length > 0 && department.length > member.length && department.endsWith(member);
}
