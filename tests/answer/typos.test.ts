import { describe, expect, it } from "vitest";
import { createTypoFixer } from "../../src/answer/typos.js";
import { ask } from "./seed-knowledge.js";

describe("one mistyped character", () => {
  const corpus = "全面落实招大引强。加快发展新能源新材料、集成电路、高端装备制造等产业。加快跨境电商产业发展。";
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < corpus.length; i++) bigrams.add(corpus.slice(i, i + 2));
  const knows = (phrase: string) =>
    [...Array(phrase.length - 1).keys()].every((i) => bigrams.has(phrase.slice(i, i + 2)));
  const middles = (left: string, right: string) =>
    [...new Set([...corpus])].filter((c) => bigrams.has(left + c) && bigrams.has(c + right));
  const fix = createTypoFixer({ knows, middles }, () => corpus);

  it("is replaced by the homophone the plans put between the same characters", () => {
    expect(fix("招大因强")).toEqual({ from: "招大因强", to: "招大引强" });
    expect(fix("高端装备治造")).toEqual({ from: "高端装备治造", to: "高端装备制造" });
  });
  it("is left alone when the plans' character does not sound the same, or the character is at a word's edge", () => {
    expect(fix("电池产业")).toBeNull(); // chi is not shang (电商产业)
    expect(fix("锂电池产业")).toBeNull();
    expect(fix("招大引强")).toBeNull(); // nothing wrong
    expect(fix("高端装备制早")).toBeNull(); // the edge: 早 could begin another word
  });

  it("is said in the answer, which then is about the subject meant", () => {
    const text = ask("招大因强谁牵头");
    expect(text.split("\n")[0]).toBe("(按“招大引强”理解“招大因强”)");
    expect(text).toContain("**投资促进局**牵头");
    expect(ask("电池产业目标")).toContain("未找到与“电池产业”相关的内容");
  });
});
