// Finds the departments a question names, by canonical name or alias, and names that look like an unknown department.
import type { LoadedPlans } from "../plan/knowledge.js";
import { normalizeText } from "../search/normalize.js";

export interface DepartmentMention {
  /** canonical name as the plans print it */
  name: string;
  /** the words the user typed */
  said: string;
}

export interface DepartmentLookup {
  /** known departments in the text, longest match first, without overlaps */
  find(normalized: string): DepartmentMention[];
  /** a department-like name the directory does not know (卫健委), or null */
  unknown(normalized: string): string | null;
  /** every canonical name */
  names(): string[];
}

const DEPT_SUFFIX = "(?:局|委|办|公司|中心|管委会|街道|院|厅|署|分局|委员会|办公室|集团|银行)";
const LOOKS_LIKE_DEPT = new RegExp(
  `([\\u4e00-\\u9fa5a-z]{1,10}?${DEPT_SUFFIX})(?=\\s*(?:牵头|负责|配合|协同|参与|承担|主抓|有哪些|有什么|的任务|在计划|是否|有没有|有哪|都有))`,
);

export function createDepartmentLookup(loaded: LoadedPlans): DepartmentLookup {
  const byAlias = new Map<string, string>();
  const add = (alias: string, name: string) => {
    const key = normalizeText(alias);
    if (key && !byAlias.has(key)) byAlias.set(key, name);
  };
  for (const d of loaded.directory.departments) {
    add(d.name, d.name);
    for (const a of d.aliases) add(a, d.name);
  }
  for (const plan of loaded.plans) {
    for (const t of plan.tasks) {
      for (const name of [...t.lead, ...t.partners]) {
        add(name, name);
        // 区数据资源局 is also said 数据资源局
        const local = name.replace(/^(区|市|县)(?=.{3,})/, "");
        if (local !== name) add(local, name);
      }
    }
  }
  const aliases = [...byAlias.keys()].sort((a, b) => b.length - a.length);
  const find = (text: string): DepartmentMention[] => {
    const found: DepartmentMention[] = [];
    let rest = text;
    for (const alias of aliases) {
      const at = rest.indexOf(alias);
      if (at < 0) continue;
      // a latin alias must stand as a word (\"lead\" is not \"leader\")
      if (/^[a-z]/.test(alias) && /[a-z]/.test(rest[at - 1] ?? "")) continue;
      const name = byAlias.get(alias) as string;
      if (!found.some((f) => f.name === name)) found.push({ name, said: alias });
      rest = `${rest.slice(0, at)}\u0000${rest.slice(at + alias.length)}`;
    }
    return found;
  };
  return {
    find,
    unknown(text) {
      const m = LOOKS_LIKE_DEPT.exec(text);
      if (!m?.[1]) return null;
      const candidate = m[1].replace(
        /^(请问|那么|那|我想知道|想知道|问一下|看看|查一下|查询|计划中|计划里|本计划)/,
        "",
      );
      if (/^(哪|谁|什么|各|所有|本|该|这|那)/.test(candidate)) return null;
      return find(candidate).length > 0 ? null : candidate;
    },
    names: () => [...new Set(byAlias.values())],
  };
}
