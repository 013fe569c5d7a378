import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Posy keeps its database, logs and window state: POSY_DATA_DIR when set (tests, a second
 * shop on one PC), otherwise the OS's per-user app-data folder, the place backups look first.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.POSY_DATA_DIR?.trim();
  if (override) return override;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Posy');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Posy');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Posy');
}
