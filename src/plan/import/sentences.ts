// Splits a paragraph into sentences at Chinese full stops, keeping the stop with its sentence.
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const ch of text) {
    current += ch;
    if (ch === "。" || ch === "!" || ch === "?" || ch === "！" || ch === "？") {
      if (current.trim()) out.push(current.trim());
      current = "";
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
