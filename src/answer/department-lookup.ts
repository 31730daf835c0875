// Finds the departments a question names: by canonical name or alias, by a near miss of one (MiniSearch fuzzy
// search over the directory: 经贸发屏局 → 经贸发展局), and names that look like a department the plans do not know.
import MiniSearch from "minisearch";
import { escapeRegExp } from "../plan/escape-regexp.js";
import type { LoadedPlans } from "../plan/knowledge.js";
import { normalizeText } from "../search/normalize.js";
import { placeName, placeNames } from "./place-names.js";
import { plansText } from "./plans-text.js";

export interface DepartmentMention {
  /** canonical name as the plans print it */
  name: string;
  /** the words the user typed */
  said: string;
  /** true when the words were a near miss of the name (one character off) */
  corrected?: boolean;
}

export interface DepartmentLookup {
  /** known departments in the text, longest match first, without overlaps; else one near miss of a known name */
  find(normalized: string): DepartmentMention[];
  /** a department-like name the directory does not know (卫健委), or null */
  unknown(normalized: string): string | null;
}

const DEPT_SUFFIX = "(?:局|委|办|公司|中心|管委会|街道|院|厅|署|分局|委员会|办公室|集团|银行)";
const LOOKS_LIKE_DEPT = new RegExp(
  `([\\u4e00-\\u9fa5a-z]{1,10}?${DEPT_SUFFIX})(?=\\s*(?:牵头|负责|配合|协同|参与|承担|主抓|有哪些|有什么|的任务|在计划|是否|有没有|有哪|都有))`,
);

export function createDepartmentLookup(loaded: LoadedPlans): DepartmentLookup {
  /** what people type → every department it may name (more than one when districts' plans share a word) */
  const byAlias = new Map<string, string[]>();
  const add = (alias: string, name: string, share: boolean) => {
    const key = normalizeText(alias);
    if (!key) return;
    const names = byAlias.get(key);
    if (!names) byAlias.set(key, [name]);
    else if (share && !names.includes(name)) names.push(name);
  };
  // A name (or a name without its 区/市 prefix), and an alias in the directory, say the department; when two
  // departments are said the same way (区市场监管局, and 市场监督管理局's alias 市场监管局), the word names both, and
  // each gets its answer rather than one chosen blindly.
  const planNames = loaded.plans.flatMap((p) => p.tasks.flatMap((t) => [...t.lead, ...t.partners]));
  // 区数据资源局 is also said 数据资源局
  const withoutPrefix = (name: string) => name.replace(/^(区|市|县)(?=.{3,})/, "");
  for (const name of [...loaded.directory.departments.map((d) => d.name), ...planNames]) {
    add(name, name, true);
    const local = withoutPrefix(name);
    if (local !== name) add(local, name, true);
  }
  for (const d of loaded.directory.departments) for (const a of d.aliases) add(a, d.name, true);
  for (const name of planNames) {
    // 经贸发展局 is also said 经贸发展 ("经贸发展有哪些任务"); a stem is a weak guess and never shares
    const stem = withoutPrefix(name).replace(/局$/, "");
    if (stem.length >= 4 && stem !== name) add(stem, name, false);
  }
  const aliases = [...byAlias.keys()].sort((a, b) => b.length - a.length);
  // The plans' own words: "产业创新中心" and "新发展格局" end like a department's name, but a plan's text holds them.
  const planText = plansText(loaded);
  // Each alias is one whole-word term, so fuzzy search measures edits over the whole name.
  const fuzzy = new MiniSearch<{ id: number; alias: string }>({
    fields: ["alias"],
    storeFields: ["alias"],
    tokenize: (s) => [s],
    processTerm: (t) => t,
  });
  fuzzy.addAll(aliases.map((alias, id) => ({ id, alias })));
  const nearMiss = (candidate: string): DepartmentMention | null => {
    if (candidate.length < 4) return null; // one edit in a three-character name is another department
    const [best, second] = fuzzy.search(candidate, { fuzzy: 1 });
    if (!best || (second && second.score === best.score)) return null;
    // A near miss of a word that names several departments is no guess to make.
    const names = byAlias.get(best.alias as string);
    return names?.length === 1 && names[0] ? { name: names[0], said: candidate, corrected: true } : null;
  };
  const candidateOf = (text: string): string | null => {
    const m = LOOKS_LIKE_DEPT.exec(text);
    if (!m?.[1]) return null;
    const candidate = m[1].replace(/^(请问|那么|那|我想知道|想知道|问一下|看看|查一下|查询|计划中|计划里|本计划)/, "");
    // "…由哪个局负责" asks which department; it does not name one
    if (/^(各|所有|本|该|这|那)|哪|谁|什么|由/.test(candidate)) return null;
    return planText.includes(candidate) ? null : candidate;
  };
  // "新站区税务局": the 区 is the place's, so 区税务局 is not what was said (税务局 is). Places are blanked first.
  const places = [...new Set(loaded.plans.flatMap((p) => placeNames(placeName(p.title))))]
    .filter((n) => /[区市县]$/.test(n))
    .sort((a, b) => b.length - a.length);
  // One pattern for all places (a thousand plans make two thousand names; one pass over the question each).
  const placePattern = places.length > 0 ? new RegExp(places.map(escapeRegExp).join("|"), "g") : null;
  const withoutPlaces = (text: string) =>
    placePattern ? text.replace(placePattern, (place) => "\u0000".repeat(place.length)) : text;
  const exact = (text: string): DepartmentMention[] => {
    const found: (DepartmentMention & { at: number })[] = [];
    let rest = withoutPlaces(text);
    for (const alias of aliases) {
      const at = rest.indexOf(alias);
      if (at < 0) continue;
      // a latin alias must stand as a word (\"lead\" is not \"leader\")
      if (/^[a-z]/.test(alias) && /[a-z]/.test(rest[at - 1] ?? "")) continue;
      for (const name of byAlias.get(alias) ?? []) {
        if (!found.some((f) => f.name === name)) found.push({ name, said: alias, at });
      }
      // blanked to the same length, so that later matches keep their places in the text
      rest = `${rest.slice(0, at)}${"\u0000".repeat(alias.length)}${rest.slice(at + alias.length)}`;
    }
    // In the order the question names them ("科技局和财政局分别…" answers 科技局 first).
    return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...mention }) => mention);
  };
  const find = (text: string): DepartmentMention[] => {
    const found = exact(text);
    if (found.length > 0) return found;
    const candidate = candidateOf(text);
    const near = candidate ? nearMiss(candidate) : null;
    return near ? [near] : [];
  };
  return {
    find,
    unknown(text) {
      const candidate = candidateOf(text);
      return candidate && find(candidate).length === 0 ? candidate : null;
    },
  };
}
