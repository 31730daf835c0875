// Import time per plan and format (Word, PDF, web page, GB18030 text), beside the text importer alone on the same
// plan's text (the baseline: what reading the format adds), and each import scored against a person's reading.
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { importDocument } from "../plan/import/import-document.js";
import { importPlan } from "../plan/import/import-plan.js";
import { readDocument } from "../plan/readers/read-document.js";
import { readTableFile } from "../plan/readers/table-file.js";
import { readExpectedPlan, scoreImport } from "./import-accuracy.js";

const PLANS = ["county-digital-village", "city-trade-workplan", "district-innovation-table"];
const FORMATS = ["docx", "pdf", "html", "gbk.txt"];
const ROUNDS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result: result as T };
}

export async function runPlanImportBench(): Promise<void> {
  console.log(
    `\n## Plan import per format (median of ${ROUNDS} runs, ms; text only = the text importer alone on the same text)`,
  );
  console.log(
    "plan                        format    import_ms  text_only_ms  leads  partners  targets  false_warnings",
  );
  for (const name of PLANS) {
    const dir = `tests/fixtures/plans/${name}`;
    const expected = readExpectedPlan(`${dir}/expected.json`);
    for (const format of FORMATS) {
      const file = format === "gbk.txt" ? `${dir}/${name}-gbk.txt` : `${dir}/${name}.${format}`;
      // The text file comes without its appendix: its table is given separately, as --matrix does.
      const table = format === "gbk.txt" && existsSync(`${dir}/task-table.xlsx`) ? `${dir}/task-table.xlsx` : undefined;
      const full = await timed(async () =>
        importDocument(await readDocument(file), {
          slug: name,
          sourceFile: file,
          ...(table ? { matrixTable: { table: (await readTableFile(table)).table, name: "分工表" } } : {}),
        }),
      );
      const textOnly = await timed(async () => importPlan(full.result.text, { slug: name, sourceFile: file }));
      const s = scoreImport(full.result.matrix, expected);
      console.log(
        [
          name.padEnd(27),
          format.padEnd(8),
          full.ms.toFixed(1).padStart(10),
          textOnly.ms.toFixed(2).padStart(13),
          `${s.leadsRight}/${s.tasks}`.padStart(6),
          `${s.partnersRight}/${s.tasks}`.padStart(9),
          `${s.targetsFound}/${s.targetsExpected}`.padStart(8),
          String(s.falseWarnings.length).padStart(15),
        ].join(" "),
      );
    }
  }
  console.log(
    "(gbk.txt: the plan as a GB18030 text file without its appendix; its task table, if any, given as .xlsx)",
  );
}
