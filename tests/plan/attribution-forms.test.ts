// Attributions as county and city plans print them, beyond the labelled forms: a unit whose name holds brackets of
// its own (各县（市、区）人民政府), and "由X牵头，Y配合" as a sentence of its own. Written for this test.
import { describe, expect, it } from "vitest";
import { parseAttribution } from "../../src/plan/import/attribution.js";

const roles = (p: string) => {
  const a = parseAttribution(p);
  return a && { lead: a.lead, partners: a.partners, rest: a.rest };
};

describe("attributions", () => {
  it("keeps 各县（市、区）人民政府 whole, inside brackets or on a line of its own", () => {
    expect(roles("推进建设。（责任单位：市民政局、各县（市、区）人民政府）")).toEqual({
      lead: ["市民政局"],
      partners: ["各县（市、区）人民政府"],
      rest: "推进建设。",
    });
    expect(roles("牵头单位：市民政局\u3000\u3000配合单位：市财政局、各县（市、区）人民政府")?.partners).toEqual([
      "市财政局",
      "各县（市、区）人民政府",
    ]);
    expect(roles("推进。（市民政局牵头，各县（市、区）人民政府配合）")?.partners).toEqual(["各县（市、区）人民政府"]);
  });

  it("reads 由X牵头，Y配合 ending a paragraph or standing alone, but not 由X牵头 doing something", () => {
    expect(roles("由市卫生健康委牵头，市民政局、市医保局配合。")).toEqual({
      lead: ["市卫生健康委"],
      partners: ["市民政局", "市医保局"],
      rest: "",
    });
    expect(roles("健全签约机制。由市发展改革委牵头，市财政局配合。")?.rest).toBe("健全签约机制。");
    expect(roles("由区政府牵头，建立联席会议制度。")).toBeNull();
  });
});
