import { it } from "vitest";
import { runProgressBench } from "../../../src/bench/progress-bench.js";
it("bench", async () => { console.log(JSON.stringify(await runProgressBench(), null, 1)); }, 300000);
