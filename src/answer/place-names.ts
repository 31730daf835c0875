// How people name a plan: by its place (新站高新区, 新站区, 新站; 临湖区), taken from the plan's title.
import { normalizeText } from "../search/normalize.js";

/** 新站高新区推动… → 新站高新区; 临湖区数字经济… → 临湖区: how people name a plan. */
export function placeName(title: string): string {
  const m = /^(.{2,8}?(?:高新区|开发区|新区|经开区|区|市|县|镇))/.exec(normalizeText(title));
  return m?.[1] ?? "";
}

/** How people say a zone's name: 新站高新区 → also 新站区 and 新站. Longest first; none shorter than 2. */
export function placeNames(key: string): string[] {
  if (!key) return [];
  const zone = /^(.{2,}?)(高新区|开发区|经开区|新区)$/.exec(key);
  return zone?.[1] ? [key, `${zone[1]}区`, zone[1]] : [key];
}
