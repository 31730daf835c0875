import { figureSubjects } from "./src/progress/figure-subjects.js";
import { reportDeps } from "./tests/eval/report-binding.js";
const deps = reportDeps();
const [slug, no, text] = process.argv.slice(2);
const plan = deps.plans.find((p) => p.slug === slug)!;
const task = plan.tasks.find((t) => t.no === Number(no))!;
console.log(JSON.stringify(figureSubjects(task, text!, "", { plan, glossary: deps.glossary }).map((f) => ({ raw: f.figure.raw, kind: f.figure.kind, words: f.words, s: f.subject.kind === "targets" ? f.subject.targets.map((t) => t.id) : f.subject, from: f.from }))));
