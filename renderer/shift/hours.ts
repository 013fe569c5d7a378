/**
 * Sales of a shift counted by hour of the day (local time), from the first hour with a sale to the
 * last, gaps included so the bars read as a timeline. Counts only: money stays the backend's.
 */
export function countByHour(times: readonly string[]): { hour: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const at of times) {
    const d = new Date(at);
    if (Number.isNaN(d.getTime())) continue;
    const hour = d.getHours();
    counts.set(hour, (counts.get(hour) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const hours = [...counts.keys()];
  const first = Math.min(...hours);
  const last = Math.max(...hours);
  const out: { hour: number; count: number }[] = [];
  for (let h = first; h <= last; h++) out.push({ hour: h, count: counts.get(h) ?? 0 });
  return out;
}
