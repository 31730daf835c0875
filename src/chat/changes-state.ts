// Whether a chat message would change stored state (record, correct or undo progress), as opposed to only reading.
import { parseProgressCommand } from "../progress/command.js";

const WRITES = new Set(["record", "correct", "undo"]);

export function changesState(text: string): boolean {
  const command = parseProgressCommand(text);
  return command !== null && WRITES.has(command.kind);
}
