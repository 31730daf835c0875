// The department directory: canonical names, their aliases, and the short forms staff type (经贸局 → 经贸发展局).
import type { Department, DepartmentDirectory } from "./schema.js";

const SUFFIXES = ["管理委员会", "管委会", "委员会", "办公室", "公司", "局", "委", "办", "中心", "院", "所", "会"];

/**
 * Official names and the forms staff type for them, both ways: 区发改委 is also 发展改革委, and 市人力资源和社会保障局
 * is also 人社局. Proposals for a person to review, not facts.
 */
const SHORT_AND_FULL: [string, string[]][] = [
  ["发改委", ["发展改革委", "发展和改革委员会", "发展和改革委"]],
  ["发改局", ["发展改革局", "发展和改革局"]],
  ["人社局", ["人力资源和社会保障局", "人力资源社会保障局"]],
  ["住建局", ["住房和城乡建设局", "住房城乡建设局"]],
  ["市场监管局", ["市场监督管理局"]],
  ["工信局", ["工业和信息化局", "经济和信息化局"]],
  ["经信局", ["经济和信息化局", "经济信息化局"]],
  ["科技局", ["科学技术局", "科技和信息化局"]],
  ["卫健委", ["卫生健康委员会", "卫生健康委"]],
  ["卫健局", ["卫生健康局"]],
  ["国资委", ["国有资产监督管理委员会", "国资监管委"]],
  ["自然资源局", ["自然资源和规划局", "规划和自然资源局"]],
  ["文旅局", ["文化和旅游局", "文化广电旅游局", "文化广电和旅游局"]],
  ["农业农村局", ["农业农村委员会"]],
  ["交通局", ["交通运输局"]],
  ["应急局", ["应急管理局"]],
  ["城管局", ["城市管理局", "城市管理和综合执法局"]],
  ["医保局", ["医疗保障局"]],
  ["数据局", ["数据资源局", "数据资源管理局"]],
  ["生态环境局", ["环境保护局"]],
  ["教体局", ["教育体育局", "教育和体育局"]],
  ["退役军人局", ["退役军人事务局"]],
  ["金融办", ["地方金融监督管理局", "金融工作办公室"]],
];

/** Short forms people commonly use for an official name; proposals for a person to review, not facts. */
export function proposeAliases(name: string): string[] {
  const out = new Set<string>();
  const local = localName(name) ?? name;
  if (local !== name) out.add(local);
  const suffix = SUFFIXES.find((s) => local.endsWith(s) && local.length > s.length + 1);
  if (suffix) {
    const stem = local.slice(0, -suffix.length);
    // 投资促进局 → 投促局, 经贸发展局 → 经贸局 (four-character stems of two words)
    if (stem.length === 4) {
      out.add(`${stem[0]}${stem[2]}${suffix}`);
      out.add(`${stem.slice(0, 2)}${suffix}`);
    }
    // 市场监督管理局 → 市监局
    if (stem.length === 6) out.add(`${stem[0]}${stem[2]}${suffix}`);
  }
  for (const [short, fulls] of SHORT_AND_FULL) {
    if (local === short) for (const f of fulls) out.add(f);
    else if (fulls.includes(local)) out.add(short);
  }
  out.delete(name);
  return [...out];
}

/**
 * A department's name as plans print it: short, no punctuation, no words of a sentence or a rule (排在首位的为牵头单位,
 * 下同, 按职责分工负责). A fragment that fails this is never added to the directory.
 */
export function isDepartmentName(name: string): boolean {
  if (name.length < 2 || name.length > 30) return false;
  if (/[。，,；;：:！？!?“”"（）()\s]/.test(name)) return false;
  return !/排在|首位|第一位|为牵头|下同|按职责|负责|牵头|配合|参与|协同|以下|以上|等单位$/.test(name);
}

export function kindOf(name: string): Department["kind"] {
  if (/^各/.test(name)) return "group";
  if (/公司$/.test(name)) return "company";
  return "department";
}

/** A word that now names two departments: one's alias, and another's name without its 区/市/县 prefix. */
export interface SharedAlias {
  alias: string;
  /** the department whose alias it was */
  aliasOf: string;
  /** the new department so called */
  nameOf: string;
}

/**
 * Adds departments the directory does not know yet, with proposed aliases that do not clash with existing names.
 * A new department whose own name without its 区/市/县 prefix is another's alias (区数据局, where 数据局 was short
 * for 区数据资源局) leaves the alias where a person may have put it: the word then names both, answers show both,
 * and the clash is returned for the importer to report.
 */
export function mergeDepartments(
  directory: DepartmentDirectory,
  names: string[],
): { directory: DepartmentDirectory; added: string[]; shared: SharedAlias[] } {
  const departments = directory.departments.map((d) => ({ ...d, aliases: [...d.aliases] }));
  const taken = new Set(departments.flatMap((d) => [d.name, ...d.aliases]));
  const added: string[] = [];
  const shared: SharedAlias[] = [];
  for (const name of names) {
    if (taken.has(name) || !isDepartmentName(name)) continue;
    const local = localName(name);
    const holder = local ? departments.find((d) => d.aliases.includes(local)) : undefined;
    if (holder && local) shared.push({ alias: local, aliasOf: holder.name, nameOf: name });
    const aliases = proposeAliases(name).filter((a) => !taken.has(a) && !names.includes(a));
    departments.push({ name, aliases, kind: kindOf(name) });
    for (const a of [name, ...aliases]) taken.add(a);
    added.push(name);
  }
  return { directory: { departments }, added, shared };
}

/** 区数据局 → 数据局; null when the name has no such prefix. */
function localName(name: string): string | null {
  const local = name.replace(/^(区|市|县)(?=.{2,})/, "");
  return local === name ? null : local;
}
