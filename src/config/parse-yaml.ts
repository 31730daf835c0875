// YAML text to plain data, with the yaml library loaded on first use: a command that reads no YAML file (a
// knowledge snapshot hit, no reporters file) does not pay for loading it at start-up.
import { createRequire } from "node:module";

let yaml: typeof import("yaml") | undefined;

export function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yaml.parse(text);
}
