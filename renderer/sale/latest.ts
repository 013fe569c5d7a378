/**
 * Keeps only the answer to the latest request: each request takes a ticket, and an answer is applied
 * only while its ticket is still the newest (an older quote arriving late is dropped, never shown).
 */
export function latestOnly() {
  let newest = 0;
  return {
    ticket(): () => boolean {
      const mine = ++newest;
      return () => mine === newest;
    },
  };
}
