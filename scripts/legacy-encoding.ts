// Encodes text as GBK/GB18030 or Big5, which Node decodes but cannot encode: for test files saved as Excel saves them.

const maps = new Map<string, Map<string, number[]>>();

/** Every character's two bytes in `label`, read backwards from Node's decoder; built once per encoding. */
function codes(label: string): Map<string, number[]> {
  let byChar = maps.get(label);
  if (byChar) return byChar;
  byChar = new Map();
  const decoder = new TextDecoder(label);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !byChar.has(ch)) byChar.set(ch, [lead, trail]);
    }
  }
  maps.set(label, byChar);
  return byChar;
}

/** The text's bytes; a character the encoding lacks throws, or is left out with `skipMissing`. */
export function encodeIn(label: string, text: string, skipMissing = false): Buffer {
  const byChar = codes(label);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : byChar.get(ch);
    if (bytes) out.push(...bytes);
    else if (!skipMissing) throw new Error(`no ${label} code for ${ch}`);
  }
  return Buffer.from(out);
}
