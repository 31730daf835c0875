// Plan words go into regular expressions (units, glossary phrases, comparison words): their special characters
// must match themselves (万元/亩, 3.0%).
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
