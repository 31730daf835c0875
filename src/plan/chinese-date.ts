// A day as a Chinese document prints it: 2024-05-10 → 2024年5月10日.
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}
