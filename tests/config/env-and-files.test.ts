// A bad variable and a bad configuration file are reported together: one message lists every problem at start.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { ConfigError, loadEnv } from "../../src/config/env.js";

const dir = mkdtempSync(join(tmpdir(), "planbot-cfg-"));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("lists the chats file's and the reporters file's problems with the variables' problems", () => {
  const chats = join(dir, "chats.yaml");
  writeFileSync(chats, "chats:\n  - { name: g1 }\n");
  const reporters = join(dir, "reporters.yaml");
  writeFileSync(reporters, "reporters:\n  - { userid: a }\n");
  writeFileSync(join(dir, "afile"), "x");
  let message = "";
  try {
    loadEnv({
      PORT: "abc",
      PLANBOT_CHATS: chats,
      PLANBOT_REPORTERS: reporters,
      PLANBOT_DB: join(dir, "afile", "db.sqlite"),
    });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    message = (err as Error).message;
  }
  for (const part of ["PORT", "chats[0]", "reporters[0].name", "PLANBOT_DB="]) expect(message).toContain(part);
});
