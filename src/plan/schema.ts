// The responsibility matrix: the reviewed, machine-readable form of one plan. Every other module reads plans through these types.
import { z } from "zod";

/** How a target's figure relates to its value: the verb the plan itself uses. */
export const Comparison = z.enum([
  "达到", // reach
  "突破", // exceed
  "不少于", // at least
  "提升", // raise by
  "下降", // fall by
  "累计", // cumulative
  "实现", // achieve
  "形成", // form
  "培育", // cultivate
  "新增", // add
  "确保", // ensure
  "拥有", // have
  "不超过", // at most (压缩至…以内, 控制在)
  "进入前", // a rank within the top N (进入全省前10位)
  "其他",
]);
export type Comparison = z.infer<typeof Comparison>;

/** Words that make a target recur every year of the plan (每年新增…, 年均下降…) rather than fall due once. */
export const RECURRING = /每年|年均|每年度/;

/** Targets met at or under their figure: a cap, or a rank (10th place or better). */
export function lowerIsBetter(c: Comparison): boolean {
  return c === "不超过" || c === "进入前";
}

export const WarningCode = z.enum([
  "title_spam", // a site's spam/SEO suffix glued to the title
  "site_footer", // navigation text scraped along with the plan
  "date_lost_chars", // 年/月/日 lost from a date, e.g. 2023328
  "number_lost", // a figure missing from a sentence, e.g. 提升个百分点
  "number_fused", // two figures run together, e.g. 3010亿元以上企业
  "attribution_missing", // a task with no lead department
  "not_understood", // part of an item the importer could not read; the item is kept, that part is named
  "page_furniture", // a printed page's running header, footer or page number (PDF)
]);
export type WarningCode = z.infer<typeof WarningCode>;

export const SourceWarning = z.object({
  code: WarningCode,
  /** 1-based line in the plan text */
  line: z.number().int().positive(),
  /** the defective text exactly as it stands in the source */
  excerpt: z.string(),
  /** what a reader should know, in Chinese */
  message: z.string(),
  /** the reading recorded in the matrix, when one is recorded at all */
  reading: z.string().optional(),
  /** true only when a person reviewed and confirmed the reading */
  confirmedByHuman: z.boolean().default(false),
  /** task number it touches; 0 = overall goals; absent = the whole document */
  taskNo: z.number().int().nonnegative().optional(),
});
export type SourceWarning = z.infer<typeof SourceWarning>;

/** A deadline: the words the plan or its table uses, and the day they name (YYYY-MM-DD) when they name one. */
export const Deadline = z.object({ text: z.string(), date: z.string().optional() });
export type Deadline = z.infer<typeof Deadline>;

export const Target = z.object({
  /** stable id inside the plan: "t<taskNo>-<n>", task 0 = overall goals */
  id: z.string().regex(/^t\d+-\d+$/),
  taskNo: z.number().int().nonnegative(),
  /** what is measured, in the plan's words, e.g. 新能源新材料产业规模 */
  metric: z.string().min(1),
  /** value, or null when the source lost the number */
  value: z.number().nullable(),
  /** the value as written in the source, e.g. "500" or "两" */
  valueText: z.string(),
  unit: z.string(),
  /** year the target is due, when stated */
  year: z.number().int().nullable(),
  /** how the year was read from a relative period ("5年内" counted from 2012), said so to the reader */
  yearReading: z.string().optional(),
  /** 完成时限 as written (2025年底前, 长期坚持), with the day it names when it names one */
  deadline: Deadline.optional(),
  comparison: Comparison,
  /** the level it starts from, as the plan states it (由2024年的68%提高到90%: 68, year 2024) */
  from: z
    .object({ value: z.number(), valueText: z.string(), unit: z.string(), year: z.number().int().nullable() })
    .optional(),
  /** the plan's own sentence containing the target */
  sentence: z.string().min(1),
  /** warning codes that touch this target */
  warnings: z.array(WarningCode).default([]),
});
export type Target = z.infer<typeof Target>;

export const Task = z.object({
  no: z.number().int().positive(),
  /** label as printed, e.g. (一) */
  label: z.string(),
  /** the heading of the section the task belongs to, e.g. 重点任务 */
  section: z.string(),
  title: z.string().min(1),
  /** the task's body text without its attribution */
  text: z.string(),
  sentences: z.array(z.string()),
  lead: z.array(z.string()),
  partners: z.array(z.string()),
  /** the attribution exactly as printed, e.g. (牵头部门:X,协同部门:Y) */
  attribution: z.string(),
  targets: z.array(Target),
  line: z.number().int().positive(),
  /** 完成时限 as written (2025年底前, 长期坚持), with the day it names when it names one */
  deadline: Deadline.optional(),
});
export type Task = z.infer<typeof Task>;

export const Measure = z.object({
  no: z.number().int().positive(),
  label: z.string(),
  title: z.string(),
  text: z.string(),
  line: z.number().int().positive(),
});
export type Measure = z.infer<typeof Measure>;

export const ResponsibilityMatrix = z.object({
  schemaVersion: z.literal(1),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  /** the notice that issued the plan (关于印发《…》的通知), when the text starts with one */
  notice: z.string().optional(),
  issuer: z.string().nullable(),
  /** the document number printed above the title (栖政办〔2024〕12号), when there is one */
  documentNumber: z.string().optional(),
  /** YYYY-MM-DD when the date could be read, else null (see warnings) */
  issuedOn: z.string().nullable(),
  period: z.object({ startYear: z.number().int(), endYear: z.number().int() }).nullable(),
  /** sentences before the first section: the issuing notice and the preface */
  preamble: z.array(z.string()).default([]),
  source: z.object({ file: z.string(), sha256: z.string().length(64) }),
  goals: z.object({ text: z.string(), sentences: z.array(z.string()), targets: z.array(Target) }),
  tasks: z.array(Task),
  measures: z.array(Measure),
  warnings: z.array(SourceWarning),
});
export type ResponsibilityMatrix = z.infer<typeof ResponsibilityMatrix>;

export const Department = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /** group = a collective such as 各部门, which stands for many units */
  kind: z.enum(["department", "company", "group", "other"]).default("department"),
});
export type Department = z.infer<typeof Department>;

export const DepartmentDirectory = z.object({ departments: z.array(Department) });
export type DepartmentDirectory = z.infer<typeof DepartmentDirectory>;
