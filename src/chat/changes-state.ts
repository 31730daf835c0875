// Whether a chat message would change stored state (record, correct or undo progress), as opposed to only reading.
import { type ProgressCommand, parseProgressCommand } from "../progress/command.js";

const WRITES = new Set<ProgressCommand["kind"]>(["record", "correct", "undo"]);

export function isWriteCommand(command: ProgressCommand): boolean {
  return WRITES.has(command.kind);
}

export function changesState(text: string): boolean {
  const command = parseProgressCommand(text);
  return command !== null && isWriteCommand(command);
}
