// The department directory: canonical names, their aliases, and the short forms staff type (经贸局 → 经贸发展局).
import type { Department, DepartmentDirectory } from "./schema.js";

const SUFFIXES = ["管理委员会", "管委会", "委员会", "办公室", "公司", "局", "委", "办", "中心", "院", "所", "会"];

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
  out.delete(name);
  return [...out];
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
    if (taken.has(name)) continue;
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
