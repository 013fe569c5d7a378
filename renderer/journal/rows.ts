/** How many lines a journal row has beyond the names it lists (the list carries at most three). */
export function moreLines(row: { lines: number; names: readonly string[] }): number {
  return Math.max(0, row.lines - row.names.length);
}

/**
 * The next page appended to what is shown. A sale posted between two pages can shift the cursor's
 * neighbours, so a row already shown is never shown twice.
 */
export function appendPage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((r) => r.id));
  return [...shown, ...page.filter((r) => !seen.has(r.id))];
}

/** The columns shown in `width` pixels: in order of importance, each that still fits (the first always). */
export function columnsThatFit(columns: readonly (readonly [string, number])[], width: number): Set<string> {
  const shown = new Set<string>();
  let used = 0;
  for (const [id, need] of columns) {
    if (shown.size > 0 && used + need > width) continue;
    shown.add(id);
    used += need;
  }
  return shown;
}
