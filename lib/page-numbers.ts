/**
 * The page numbers a counted list offers: the first and last page, the current one with two on
 * each side, and a gap ("…") where pages are left out — at most nine entries, so the row fits a
 * tablet. A gap of a single page shows that page instead, since "…" would take the same room.
 */
export type PageNumberEntry = { page: number } | { gap: true; key: string };

const AROUND = 2;

export function pageNumbers(current: number, count: number): PageNumberEntry[] {
  if (count <= 1) return [];
  const page = Math.min(Math.max(1, current), count);
  const shown = new Set<number>([1, count]);
  for (let p = page - AROUND; p <= page + AROUND; p++) if (p >= 1 && p <= count) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const entries: PageNumberEntry[] = [];
  let previous = 0;
  for (const p of sorted) {
    if (p - previous === 2) entries.push({ page: p - 1 });
    else if (p - previous > 2) entries.push({ gap: true, key: `gap-${previous}` });
    entries.push({ page: p });
    previous = p;
  }
  return entries;
}
