/**
 * Columns from most to least needed at a counter, with the width each needs (px) and its share of
 * the width when shown. A narrow list (the detail panel open, a small screen) drops the last ones.
 */
export const COLUMN_PRIORITY = [
  { id: 'name', min: 220, weight: 27 },
  { id: 'price', min: 130, weight: 13 },
  { id: 'colour', min: 120, weight: 12 },
  { id: 'length', min: 80, weight: 8 },
  { id: 'barcodes', min: 150, weight: 14 },
  { id: 'kind', min: 130, weight: 12 },
  { id: 'category', min: 130, weight: 12 },
  { id: 'variety', min: 110, weight: 10 },
] as const;

export function weightOf(id: string): number {
  return COLUMN_PRIORITY.find((c) => c.id === id)?.weight ?? 10;
}

export function columnsThatFit(width: number, grouped: string | null): Set<string> {
  const shown = new Set<string>();
  let used = 0;
  for (const c of COLUMN_PRIORITY) {
    if (c.id === grouped) continue; // its value is in the group header
    if (shown.size > 0 && used + c.min > width) break;
    shown.add(c.id);
    used += c.min;
  }
  return shown;
}
