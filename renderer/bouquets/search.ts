/** Words of a typed filter, lower-cased, for matching recipe names on the screen (a short list, no round trip). */
export function normalizeQuery(text: string): string[] {
  return text
    .toLocaleLowerCase()
    .normalize('NFKC')
    .split(/\s+/)
    .filter(Boolean);
}
