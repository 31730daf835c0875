// Bounds a Map used as a queue (insertion order = age) by dropping its oldest entries, a sixteenth at a time.
// Why in steps: V8 keeps a deleted entry's slot until the table is rehashed, and every walk from the front passes all
// the slots deleted there before. Trimming one entry per insert that way cost microseconds per bot callback.

/**
 * Once the map holds more than `keep` plus a sixteenth, deletes its oldest entries down to `keep`; calls `dropped`
 * for each. Small maps (keep < 16) are held to `keep` exactly.
 */
export function trimOldest<K, V>(map: Map<K, V>, keep: number, dropped?: (key: K, value: V) => void): void {
  if (map.size <= keep + Math.floor(keep / 16)) return;
  for (const [key, value] of map) {
    if (map.size <= keep) return;
    map.delete(key);
    dropped?.(key, value);
  }
}
