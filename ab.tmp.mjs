import { spawn } from "node:child_process";
const env = { PATH: process.env.PATH, HOME: process.env.HOME, PLANBOT_KNOWLEDGE: "knowledge", PLANBOT_DB: "/tmp/prof/ab.sqlite", LOG_LEVEL: "warn" };
let port = 4100;
async function ready(cli) {
  const p = port++; const start = performance.now();
  const child = spawn(process.execPath, [cli, "serve", "--port", String(p)], { env, stdio: "ignore" });
  try { for (;;) { const ok = await fetch(`http://127.0.0.1:${p}/healthz`).then(r => r.ok, () => false); if (ok) return performance.now() - start; await new Promise(r => setTimeout(r, 2)); } }
  finally { child.kill("SIGKILL"); }
}
const dirs = process.argv.slice(2); const res = Object.fromEntries(dirs.map(d => [d, []]));
await ready(`${dirs[0]}/cli/main.js`);
for (let i = 0; i < 15; i++) for (const d of dirs) res[d].push(await ready(`${d}/cli/main.js`));
const med = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const d of dirs) console.log(d, "median", med(res[d]).toFixed(0), "min", Math.min(...res[d]).toFixed(0));
