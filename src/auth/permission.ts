// Who may write progress: record for a task (admins for every task, reporters for tasks their department leads or
// cooperates on), and correct or undo a record (its reporter, the task's lead department, admins).
import { collectiveTakesIn } from "../plan/collectives.js";
import type { DepartmentDirectory, Task } from "../plan/schema.js";
import { plainInMarkdown } from "../progress/format.js";
import type { Reporter, ReportersFile } from "./reporters.js";

export type WriteDecision =
  | { allowed: true; reporter: Reporter; department: string | null }
  | { allowed: false; reason: string };

/** Maps a department name or alias to the directory's name, so 经信局 and 市经济和信息化局 compare equal. */
export function canonicalDepartment(name: string, directory: DepartmentDirectory): string {
  const trimmed = name.trim();
  const hit = directory.departments.find((d) => d.name === trimmed || d.aliases.includes(trimmed));
  return hit ? hit.name : trimmed;
}

/**
 * Whether a reporter's department is one of `named` (a task's lead or partners), directly or through a collective
 * that takes it in (plan/collectives.ts: 各部门 takes in every department, 各社区管委会 only community committees).
 */
export function departmentCovered(own: string, named: readonly string[], directory: DepartmentDirectory): boolean {
  const mine = canonicalDepartment(own, directory);
  return named.some((n) => collectiveTakesIn(canonicalDepartment(n, directory), mine));
}

export function findReporter(file: ReportersFile, userid: string): Reporter | undefined {
  return file.reporters.find((r) => r.userid === userid);
}

/** Whom to ask for rights: the file's admins by name and userid, else the group's administrator. */
export function adminsText(file: ReportersFile): string {
  const admins = file.reporters.filter((r) => r.role === "admin");
  return admins.length > 0 ? admins.map((a) => `${a.name}(${a.userid})`).join("、") : "本群管理员";
}

/** Contact userids of a department (reporters marked contact: true). */
export function contactsOf(file: ReportersFile, department: string, directory: DepartmentDirectory): Reporter[] {
  const wanted = canonicalDepartment(department, directory);
  return file.reporters.filter(
    (r) => r.contact && r.departments.some((d) => canonicalDepartment(d, directory) === wanted),
  );
}

export function decideWrite(
  file: ReportersFile,
  directory: DepartmentDirectory,
  userid: string,
  task: Task,
): WriteDecision {
  const reporter = findReporter(file, userid);
  if (file.reporters.length === 0) {
    return {
      allowed: false,
      reason:
        "抱歉,尚未配置进展填报名单(PLANBOT_REPORTERS),目前无人能在群聊中登记进展(查询不受影响)。请联系管理员配置填报名单。",
    };
  }
  if (!reporter) {
    return {
      allowed: false,
      reason: `抱歉,您还不在进展填报名单中,暂时不能登记进展(查询不受影响)。如需开通,请联系${adminsText(file)}。`,
    };
  }
  if (reporter.role === "viewer") {
    return {
      allowed: false,
      reason: `抱歉,您在名单中是查看者(viewer),可以查询和查看看板,但不能登记进展。如需开通填报,请联系${adminsText(file)}。`,
    };
  }
  const own = reporter.departments.map((d) => canonicalDepartment(d, directory));
  const match =
    own.find((d) => departmentCovered(d, task.lead, directory)) ??
    own.find((d) => departmentCovered(d, task.partners, directory));
  if (reporter.role === "admin") return { allowed: true, reporter, department: match ?? own[0] ?? null };
  if (match) return { allowed: true, reporter, department: match };
  const leadContacts = task.lead.flatMap((d) => contactsOf(file, d, directory)).map((r) => `${r.name}(${r.userid})`);
  const ask = leadContacts.length > 0 ? `牵头部门联系人 ${leadContacts.join("、")} 或 ` : "";
  const who =
    task.partners.length > 0
      ? `${task.lead.join("、")} 牵头、${task.partners.join("、")} 协同`
      : `${task.lead.join("、")} 牵头`;
  return {
    allowed: false,
    reason: `抱歉,任务${task.no}「${task.title}」由 ${who || "(未注明部门)"},您登记的部门(${reporter.departments.join("、") || "无"})不在其中,不能为它登记进展。请联系${ask}${adminsText(file)}。`,
  };
}

export type EditDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * Who may correct or undo a record: its reporter, a reporter of the task's lead department, or an admin. A partner
 * department may add records only: its figures sit beside the lead's, they do not replace them.
 * `userid` is the one asking (chat sender, or the API's `reporter`); the reporters file gives roles and departments.
 */
export function decideEdit(
  file: ReportersFile,
  directory: DepartmentDirectory,
  userid: string,
  record: { id: number; reporterId: string; reporterName: string | null },
  task: Task,
): EditDecision {
  const reporter = findReporter(file, userid);
  if (reporter?.role === "admin" || record.reporterId === userid) return { allowed: true };
  if (reporter?.departments.some((d) => departmentCovered(d, task.lead, directory))) return { allowed: true };
  const by = plainInMarkdown(record.reporterName ?? record.reporterId);
  return {
    allowed: false,
    reason: `抱歉,#${record.id} 由 ${by} 登记;更正或撤销只能由登记人、牵头部门(${task.lead.join("、") || "未注明"})或管理员(${adminsText(file)})进行,协同部门只能新增进展。`,
  };
}
