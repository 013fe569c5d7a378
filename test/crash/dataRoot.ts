import { existsSync } from 'node:fs';

/**
 * Where crash runs keep their database: in memory-backed /dev/shm when there is one. A SIGKILL
 * ends the process, not the machine, so the kernel's page cache keeps every write either way;
 * only the fsync a commit waits for (synchronous=FULL, tens of ms on a slow virtual disk) differs,
 * and 2,000 of them would spend the test's time budget on the disk rather than on kills.
 */
export function crashDataRoot(): string | null {
  return process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : null;
}
