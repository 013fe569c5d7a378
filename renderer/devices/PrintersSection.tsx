/** Placeholder while issue 3 builds this part of the devices screen. */
export function PrintersSection() {
  return null;
}
