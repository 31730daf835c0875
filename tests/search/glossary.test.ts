import { describe, expect, it } from "vitest";
import { createExpander } from "../../src/search/glossary.js";

const glossary = {
  terms: [
    { say: ["地区生产总值", "生产总值"], means: "gdp" },
    { say: ["上市企业"], means: "上市公司" },
    { say: ["gross domestic product"], means: "gdp" },
  ],
};

describe("glossary expansion", () => {
  it("replaces a Chinese phrase the plans never use, once, even when a shorter synonym sits inside it", () => {
    const expand = createExpander(glossary, (phrase) => !phrase.includes("生产总值"));
    expect(expand("地区生产总值目标")).toBe(" gdp 目标");
  });

  it("keeps a Chinese phrase the plans use and adds the plan's word once", () => {
    const expand = createExpander(glossary, () => true);
    expect(expand("上市企业目标")).toBe("上市企业目标 上市公司");
    expect(expand("地区生产总值目标")).toBe("地区生产总值目标 gdp");
  });

  it("always replaces latin phrases", () => {
    const expand = createExpander(glossary, () => true);
    expect(expand("gross domestic product target")).toBe(" gdp  target");
  });

  it("takes the rest of a latin phrase's last word with it", () => {
    const expand = createExpander({ terms: [{ say: ["biomedic"], means: "生物医药" }] }, () => true);
    expect(expand("target for biomedicine?")).toBe("target for  生物医药 ?");
  });
});
