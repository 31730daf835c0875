// Bundles the command line (and the bot's worker thread) into dist/app/, which `npm start`, the `planbot` bin and the
// Docker image run. Why: an unbundled start resolves, reads and compiles ~330 ES modules (zod alone is 95), which
// was most of `planbot serve`'s time to /healthz; one file per entry plus shared chunks cuts that by a third.
// `npm run bench -- startup` measures both. tsc still builds dist/ for type checks, the benches and the fault run.
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { SCHEMA_FILES } from "../src/plan/knowledge-snapshot.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The packages every start loads go into the bundle. Every other dependency stays a package, loaded when a command
 * needs it: native (better-sqlite3), a database only some deployments have (pg), or document and WeCom libraries
 * that the code imports lazily.
 */
export const BUNDLED: ReadonlySet<string> = new Set([
  "zod",
  "koa",
  "@koa/router",
  "koa-ratelimit",
  "raw-body",
  "pino",
  "commander",
  "minisearch",
  "croner",
  "dotenv",
]);

/** What the knowledge snapshot's code identity is in the bundle (src/plan/knowledge-snapshot.ts reads it). */
function schemaDigest(): string {
  const hash = createHash("sha256");
  for (const f of SCHEMA_FILES) hash.update(readFileSync(join(root, "src/plan", f.replace(/\.js$/, ".ts"))));
  return hash.digest("hex");
}

export async function bundleApp(outdir = join(root, "dist/app")): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const external = Object.keys(pkg.dependencies)
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    // The worker sits beside every chunk, where src/wecom/bot/worker-client.ts looks for it.
    entryPoints: { planbot: "src/cli/main.ts", "bot-worker": "src/wecom/bot/bot-worker.ts" },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: "chunk-[hash]",
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    external: [...external, "tsx", "tsx/*"],
    define: { PLANBOT_SCHEMA_DIGEST: JSON.stringify(schemaDigest()) },
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: 'import { createRequire as __planbotRequire } from "node:module";\nconst require = __planbotRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleApp(process.argv[2] && resolve(process.argv[2]));
