// Renders simulated exchanges the way a WeCom chat would show them, for the terminal.

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

export function renderQuestion(where: string, user: string, text: string): string {
  return `┌ ${where} · ${user}\n│ ${text}`;
}

export function renderAnswer(botName: string, text: string, problems: string[] = []): string {
  const warn = problems.length > 0 ? `\n  ⚠ protocol problems: ${problems.join("; ")}` : "";
  return `└ ${botName}:\n${indent(text)}${warn}\n`;
}
