import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ChatsFileError,
  chatPlanProblems,
  chatRobot,
  chatTransport,
  loadChats,
  parseChats,
  plansByChatid,
} from "../../../src/wecom/chats.js";

const tmpFile = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "planbot-chats-")), "chats.yaml");
  writeFileSync(file, text);
  return file;
};

describe("chats file", () => {
  it("loads the committed example", () => {
    const chats = loadChats("chats.example.yaml");
    expect(chats.map((c) => [c.name, c.digestTime ?? null, c.plan ?? null])).toEqual([
      ["新站区行动计划推进群", "09:00", "xinzhan-2023-2025"],
      ["办公室", "17:30", null],
      ["领导小组", null, null],
      ["科技局工作群", "08:30", null],
    ]);
    // No webhook: pushed to the chatid over the long connection.
    expect(chatTransport(chats[3] as (typeof chats)[3])).toEqual({
      kind: "long-connection",
      chatid: "wrkSFfCgAAexample11111111111",
    });
    expect(chatRobot(chats[0] as (typeof chats)[0])).toEqual({ key: "00000000-0000-0000-0000-000000000000" });
    expect(chatRobot(chats[1] as (typeof chats)[1])).toHaveProperty("url");
    // A group that gives its chatid has a plan of its own for the questions asked there.
    expect(plansByChatid(chats)).toEqual(new Map([["wrkSFfCgAAexample00000000000", "xinzhan-2023-2025"]]));
  });

  it("lists every problem at once, with where it is, and never echoes a key", () => {
    const secret = "bad key with spaces";
    const file = tmpFile(
      [
        "chats:",
        "  - name: 甲",
        `    webhookKey: ${secret}`,
        '    digestTime: "9:00"',
        "  - name: 甲",
        "    webhookKey: abcdefgh-1234",
        "    webhookUrl: https://example.invalid/x",
        "  - name: 乙",
        '    digestTime: "25:00"',
        "    plan: Not_A_Slug",
        "    colour: red",
      ].join("\n"),
    );
    let message = "";
    try {
      loadChats(file);
    } catch (e) {
      expect(e).toBeInstanceOf(ChatsFileError);
      message = (e as Error).message;
    }
    for (const where of [
      "chats[0].webhookKey",
      "chats[0].digestTime",
      "chats[1].name: duplicate",
      "chats[1]: give exactly one",
      "chats[2].digestTime",
      "chats[2].plan",
      "chats[2]",
    ]) {
      expect(message).toContain(where);
    }
    expect(message).toContain("colour");
    expect(message).not.toContain(secret);
  });

  it("reports a missing file, bad YAML, and chats naming plans that are not loaded", () => {
    expect(() => loadChats("/nonexistent/chats.yaml")).toThrow(/not found/);
    expect(() => loadChats(tmpFile("chats: [ {"))).toThrow(/not valid YAML/);
    expect(parseChats(null)).toEqual([]);
    const chats = parseChats({ chats: [{ name: "甲", webhookKey: "abcdefgh", plan: "p-1" }] });
    expect(chatPlanProblems(chats, ["p-2"])).toEqual(['- chat "甲": plan "p-1" is not in the knowledge folder']);
    expect(chatPlanProblems(chats, ["p-1"])).toEqual([]);
  });
});
