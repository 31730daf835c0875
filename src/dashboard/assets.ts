// Static files for the dashboard, all local (the machines may have no internet): our CSS/JS and Chart.js from node_modules.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Asset {
  body: Buffer;
  type: string;
}

/** The package root, found from this file whether it runs from src/ (tests) or dist/ (npm start). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("dashboard: package.json not found above the dashboard module");
    dir = parent;
  }
  return dir;
}

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/** Reads every asset once; the set is fixed, so no request path ever reaches the file system. */
export function loadAssets(): Map<string, Asset> {
  const staticDir = join(packageRoot(), "src", "dashboard", "static");
  const chartJs = join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js");
  const files: Record<string, string> = {
    "dashboard.css": join(staticDir, "dashboard.css"),
    "task-chart.js": join(staticDir, "task-chart.js"),
    "try-bot.js": join(staticDir, "try-bot.js"),
    "progress-import.js": join(staticDir, "progress-import.js"),
    "chart.umd.min.js": chartJs,
  };
  const assets = new Map<string, Asset>();
  for (const [name, file] of Object.entries(files)) {
    const ext = name.slice(name.lastIndexOf("."));
    assets.set(name, { body: readFileSync(file), type: TYPES[ext] ?? "application/octet-stream" });
  }
  return assets;
}
