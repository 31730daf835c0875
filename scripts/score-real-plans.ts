// Prints, for each real plan excerpt, how the importer compares with a reader: items, attributions, targets, warnings.
// Usage: npx tsx scripts/score-real-plans.ts [path/to/import-plan.ts]  (another importer, e.g. an older checkout's)
import { pathToFileURL } from "node:url";
import { type ReaderPlan, readRealPlan, realPlans } from "../tests/plan/real-plans.expected.js";

interface Imported {
  tasks: { title: string; lead: string[]; partners: string[]; targets: Fig[] }[];
  goals: Fig[];
  warnings: string[];
}
type Fig = string;
type ImportFn = (text: string, opts: { slug: string; sourceFile: string }) => { matrix: unknown };

const fig = (t: { value: number | null; unit: string; year: number | null }) => `${t.value} ${t.unit} ${t.year ?? "-"}`;

/** How many of `want` are in `got`, each found once (a multiset intersection). */
function matched(want: string[], got: string[]): number {
  const pool = [...got];
  let n = 0;
  for (const w of want) {
    const i = pool.indexOf(w);
    if (i >= 0) {
      pool.splice(i, 1);
      n++;
    }
  }
  return n;
}

function score(plan: ReaderPlan, m: Imported) {
  const tasksFound = plan.tasks.filter((t) => m.tasks.some((g) => g.title === t.title)).length;
  const attributionsRight = plan.tasks.filter((t) =>
    m.tasks.some(
      (g) => g.title === t.title && g.lead.join() === t.lead.join() && g.partners.join() === t.partners.join(),
    ),
  ).length;
  let targetsWanted = plan.goals.length;
  let targetsFound = matched(plan.goals, m.goals);
  let targetsGot = m.goals.length;
  for (const t of plan.tasks) {
    const g = m.tasks.find((x) => x.title === t.title);
    targetsWanted += t.targets.length;
    targetsFound += matched(t.targets, g?.targets ?? []);
  }
  targetsGot += m.tasks.reduce((n, t) => n + t.targets.length, 0);
  const falseWarnings = m.warnings.length - matched(plan.trueWarnings, m.warnings);
  return {
    plan: plan.file,
    items: `${tasksFound}/${plan.tasks.length} (${m.tasks.length} tasks made)`,
    attributions: `${attributionsRight}/${plan.tasks.length}`,
    targets: `${targetsFound}/${targetsWanted} (${targetsGot - targetsFound} extra)`,
    falseWarnings,
  };
}

const modulePath = process.argv[2] ?? new URL("../src/plan/import/import-plan.ts", import.meta.url).pathname;
const { importPlan } = (await import(pathToFileURL(modulePath).href)) as { importPlan: ImportFn };
for (const plan of realPlans) {
  try {
    const { matrix } = importPlan(readRealPlan(plan.file), { slug: "real", sourceFile: "source.txt" }) as {
      matrix: {
        title: string;
        goals: { targets: { value: number | null; unit: string; year: number | null }[] };
        tasks: {
          title: string;
          lead: string[];
          partners: string[];
          targets: { value: number | null; unit: string; year: number | null }[];
        }[];
        warnings: { code: string }[];
      };
    };
    const imported: Imported = {
      tasks: matrix.tasks.map((t) => ({ ...t, targets: t.targets.map(fig) })),
      goals: matrix.goals.targets.map(fig),
      warnings: matrix.warnings.map((w) => w.code),
    };
    const s = score(plan, imported);
    const title = matrix.title === plan.title ? "title ok" : `title “${matrix.title}”`;
    process.stdout.write(
      `${s.plan}: imported, ${title}; items ${s.items}; attributions ${s.attributions}; targets ${s.targets}; false warnings ${s.falseWarnings}\n`,
    );
  } catch (e) {
    process.stdout.write(`${plan.file}: import FAILED: ${(e as Error).message.split("\n")[0]}\n`);
  }
}
