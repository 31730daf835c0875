// What a command loads before it runs: the modules reachable through static imports (the ones that exist at run
// time, not `import type`) from its entry. Start-up is mostly module loading, so the libraries only some requests or
// some configurations need must stay behind a dynamic import (issue 15: serve ready and ask answered in 300 ms).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED } from "../../scripts/bundle-app.js";

const SRC = resolve(import.meta.dirname, "../../src");

/** The specifiers a file imports at run time: type-only imports and exports are erased by the compiler. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const [, clause = "", spec = ""] of text.matchAll(/^(?:import|export)\s+([^;]*?)\s+from\s+"([^"]+)";/gm)) {
    const named = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    const allTypes = named
      ?.split(",")
      .map((n) => n.trim())
      .filter(Boolean)
      .every((n) => n.startsWith("type "));
    if (!clause.startsWith("type ") && !allTypes) out.push(spec);
  }
  for (const [, spec = ""] of text.matchAll(/^import\s+"([^"]+)";/gm)) out.push(spec);
  return out;
}

/** Every package reached from an entry file through static imports. */
function packagesLoadedBy(entry: string): Set<string> {
  const files = new Set([join(SRC, entry)]);
  const packages = new Set<string>();
  for (const file of files) {
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith(".")) files.add(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else if (!spec.startsWith("node:"))
        packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec));
    }
  }
  return packages;
}

/** Loaded on first use only: document readers, spreadsheets, CSV, XML, sessions, metrics, the long connection's SDK. */
const ON_DEMAND = [
  "mammoth",
  "unpdf",
  "parse5",
  "exceljs",
  "csv-parse",
  "csv-stringify",
  "fast-xml-parser",
  "koa-session",
  "prom-client",
  "yaml",
  "@wecom/aibot-node-sdk",
];

describe("start-up imports", () => {
  it("planbot serve loads none of the on-demand libraries before it listens", () => {
    const loaded = packagesLoadedBy("cli/commands/serve.ts");
    expect(loaded).toContain("koa"); // the walk follows the server's imports
    expect(ON_DEMAND.filter((p) => loaded.has(p))).toEqual([]);
  });

  it("planbot ask loads neither the web server nor the on-demand libraries", () => {
    const loaded = packagesLoadedBy("cli/commands/ask.ts");
    expect(loaded).toContain("minisearch"); // the walk reaches the answering core
    expect([...ON_DEMAND, "koa", "@koa/router"].filter((p) => loaded.has(p))).toEqual([]);
  });

  it("the app bundle holds every library a start loads, and none of those loaded on demand", () => {
    const atStart = new Set([
      ...packagesLoadedBy("cli/main.ts"),
      ...packagesLoadedBy("cli/commands/serve.ts"),
      ...packagesLoadedBy("cli/commands/ask.ts"),
    ]);
    // better-sqlite3 is native, and its JavaScript is a few files: it stays a package
    expect([...atStart].filter((p) => p !== "better-sqlite3" && !BUNDLED.has(p))).toEqual([]);
    expect(ON_DEMAND.filter((p) => BUNDLED.has(p))).toEqual([]);
  });
});
