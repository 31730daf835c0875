import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/bench/seeded-random.js";
import { localDateTime } from "../../src/schedule/local-time.js";

// "PRC" is tzdata's other name for Asia/Shanghai: the same clock, read through ICU rather than by arithmetic.
const viaIcu = (ms: number) => localDateTime(ms, "PRC");

describe("localDateTime", () => {
  it("reads China's clock by arithmetic exactly as ICU's time-zone data does, midnight edges included", () => {
    const random = seededRandom(7);
    const from = Date.UTC(1992, 0, 1);
    const to = Date.UTC(2060, 0, 1);
    const instants = Array.from({ length: 2000 }, () => from + Math.floor(random() * (to - from)));
    // the minutes around China's midnight (16:00 UTC), where the date turns
    for (let d = 0; d < 50; d++) {
      const midnight = Date.UTC(2025, 0, 1 + d * 7, 16, 0, 0);
      instants.push(midnight - 1, midnight, midnight + 59_999);
    }
    for (const ms of instants) expect(localDateTime(ms), new Date(ms).toISOString()).toEqual(viaIcu(ms));
  });

  it("leaves other zones, and China before its clock was fixed, to ICU", () => {
    const summer = Date.UTC(2025, 6, 1, 23, 30);
    expect(localDateTime(summer, "Europe/Berlin")).toEqual({ day: "2025-07-02", time: "01:30" });
    // 1988: China kept daylight saving time, so 1988-07-01 00:30 UTC was 09:30 on its clocks, not 08:30
    expect(localDateTime(Date.UTC(1988, 6, 1, 0, 30)).time).toBe("09:30");
    expect(localDateTime(Date.UTC(1988, 6, 1, 0, 30))).toEqual(viaIcu(Date.UTC(1988, 6, 1, 0, 30)));
  });
});
