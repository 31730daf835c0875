// The words each department of the loaded plans is said by. Only departments the plans name have forms: the
// directory may know a 财政局 from a plan not loaded, and a word of its must not answer for this plan's 区财政局
// (nor say "未找到" beside it). The directory's other departments are kept apart, to say they are not in the plans.
import type { LoadedPlans } from "../plan/knowledge.js";
import { normalizeText } from "../search/normalize.js";

/**
 * How a form names its department:
 * - name: the department, shared by every department said so (区市场监管局 and 市场监督管理局's 市场监管局)
 * - stem: a long name without its 局 (经贸发展), a guess kept by the first department only
 * - core: the name without place and 局/委 (住建), only when a word of asking follows (住建那边…, 住建牵头…)
 */
export type FormStrength = "name" | "stem" | "core";

export interface DepartmentForm {
  form: string;
  name: string;
  strength: FormStrength;
}

/** 区数据资源局 is also said 数据资源局, and a party committee's office 市委网信办 网信办 */
export function localOf(name: string): string {
  return name.replace(/^(?:区|市|县)(?:委(?!员))?(?=.{3,})/, "");
}

/** 区住建局 → 住建, 发改委 → 发改: what is left of an agency's name without place and 局/委; null for others (区供电公司). */
export function coreOf(name: string): string | null {
  const local = localOf(name);
  const suffix = /(?:委员会|分局|局|委)$/.exec(local)?.[0];
  if (!suffix) return null;
  const core = local.slice(0, -suffix.length);
  return core.length >= 2 ? core : null;
}

/** A district's 局 is another's 委 (发改局/发改委, 卫健局/卫健委): the same agency, whichever its level calls it. */
const AGENCY_ENDINGS = ["局", "委"];

/** The departments the loaded plans name, in the order they first appear. */
export function planDepartments(loaded: LoadedPlans): string[] {
  return [...new Set(loaded.plans.flatMap((p) => p.tasks.flatMap((t) => [...t.lead, ...t.partners])))];
}

export function departmentForms(loaded: LoadedPlans): DepartmentForm[] {
  const aliasesOf = new Map(loaded.directory.departments.map((d) => [d.name, d.aliases]));
  const forms: DepartmentForm[] = [];
  const names = planDepartments(loaded);
  for (const name of names) {
    const said = [...new Set([name, localOf(name), ...(aliasesOf.get(name) ?? [])])];
    for (const form of said) forms.push({ form, name, strength: "name" });
    for (const core of coresOf(said)) {
      for (const ending of AGENCY_ENDINGS) forms.push({ form: core + ending, name, strength: "name" });
    }
  }
  // Guesses after every name, so that a guess never takes a word a department is truly called.
  for (const name of names) {
    const stem = localOf(name).replace(/局$/, "");
    if (stem.length >= 4 && stem !== name) forms.push({ form: stem, name, strength: "stem" });
    const unit = subUnitOf(name);
    if (unit) forms.push({ form: unit, name, strength: "stem" });
    for (const form of shortFormsOf(name)) forms.push({ form, name, strength: "stem" });
  }
  for (const name of names) {
    for (const core of coresOf([name, localOf(name), ...(aliasesOf.get(name) ?? [])])) {
      forms.push({ form: core, name, strength: "core" });
    }
  }
  return forms.map((f) => ({ ...f, form: normalizeText(f.form) })).filter((f) => f.form.length > 0);
}

/**
 * How people shorten names that the rules above do not reach:
 * - 市自然资源和规划局 → 自然资源局, 规划局: either half of an agency named "X和Y局";
 * - 县文化旅游体育局 → 县文旅体育局: 文化旅游 said 文旅, as 文化广电旅游 is 文广旅;
 * - 国网江川供电公司 → 供电公司, 江川海关 → 海关: a company or office without its owner and place;
 * - 江川高新区管委会 → 江川高新区, 高新区: a zone's committee by the zone's name;
 * - 市通信发展管理办公室 → 通管办, 市城市管理局 → 城管局.
 */
function shortFormsOf(name: string): string[] {
  const local = localOf(name);
  const out: string[] = [];
  const halves = /^(.{2,6})和(.{2,6})(局|委)$/.exec(local);
  if (halves?.[1] && halves[2]) out.push(`${halves[1]}${halves[3]}`, `${halves[2]}${halves[3]}`);
  const compact = local.replace(/文化广电(?:和)?旅游/, "文广旅").replace(/文化(?:和)?旅游/, "文旅");
  if (compact !== local) out.push(compact, name.replace(local, compact));
  // Only a kind of company says which one is meant: 鑫城公司 is not "公司".
  const owned =
    /^(?:国网|中国|国家)?[\u4e00-\u9fff]{2}((?:供电|供水|燃气|电信|移动|联通|邮政|烟草)(?:分)?公司|海关)$/.exec(local);
  if (owned?.[1]) out.push(owned[1]);
  // 市通信发展管理办公室 → 通管办, 市城市管理局 → 城管局: the first character and 管 with the office's kind
  const office = /^(.).{0,5}管理办公室$/.exec(local) ?? /^(.).管理局$/.exec(local);
  if (office?.[1]) out.push(`${office[1]}管${local.endsWith("办公室") ? "办" : "局"}`);
  const zone = /^(.{2,}?)(?:管委会|管理委员会)$/.exec(local);
  if (zone?.[1]) out.push(zone[1], zone[1].replace(/^[\u4e00-\u9fff]{2}(?=.{3,}$)/, ""));
  return [...new Set(out)].filter((f) => f.length >= 2 && f !== name);
}

/** 市公安局交警支队 → 交警支队: a unit inside an agency, said by its own name as often as with the agency's. */
function subUnitOf(name: string): string | null {
  return /^.+?(?:局|委|厅|办)(.{2,}(?:支队|大队|中心|分局|站|所|处))$/.exec(name)?.[1] ?? null;
}

function coresOf(said: string[]): string[] {
  return [...new Set(said.map(coreOf).filter((c): c is string => c !== null))];
}

/** The directory's departments that no loaded plan names, each with every way it is said. */
export function departmentsElsewhere(loaded: LoadedPlans): { name: string; forms: string[] }[] {
  const inPlans = new Set(planDepartments(loaded));
  return loaded.directory.departments
    .filter((d) => !inPlans.has(d.name) && d.kind !== "group")
    .map((d) => ({
      name: d.name,
      forms: [...new Set([d.name, localOf(d.name), ...d.aliases].map(normalizeText))].filter(Boolean),
    }));
}
