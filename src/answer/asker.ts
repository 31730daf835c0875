// "我们部门牵头哪些任务": the asker's own department, named by the chat (the reporters file knows who is in which).
// The core stays pure: the departments come in the answer context; this only puts their names into the question.

/** 我们部门 / 本局 / 咱们单位, or 我(们) right before a verb of responsibility (我负责哪些, 我们的任务). */
const SELF =
  /(?:我们|咱们|我)的?(?:部门|局|单位|科室|处室)|本(?:部门|局|单位|科室)|(?:我们|咱们|我)(?=负责|牵头|协同|参与|配合|承担|分管|的(?:任务|工作))/;

export type AskerRewrite =
  /** no self-reference: the question as it is */
  | { kind: "as_is" }
  /** the self-reference replaced by the asker's department(s) */
  | { kind: "named"; text: string }
  /** a self-reference, but the chat does not know the asker's department */
  | { kind: "unknown"; said: string };

export function nameAskersDepartment(question: string, departments: readonly string[] | undefined): AskerRewrite {
  const self = SELF.exec(question);
  if (!self) return { kind: "as_is" };
  if (!departments || departments.length === 0) return { kind: "unknown", said: self[0] };
  const names = departments.join("和");
  // Several departments: each gets its own answer (the parser splits a 分别 question by department).
  const each = departments.length > 1 && !/分别|各自/.test(question) ? "分别" : "";
  const at = self.index;
  return { kind: "named", text: `${question.slice(0, at)}${names}${each}${question.slice(at + self[0].length)}` };
}
