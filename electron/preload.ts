import { electronRenderer, type IpcRendererEvent } from './electronApi';

/*
 * Sandboxed preload: the window gets named functions, one per backend method, and an event
 * subscription. Never ipcRenderer itself: a page that could send any message could ask for anything.
 */

const { contextBridge, ipcRenderer } = electronRenderer();

/** Method names arrive from main as `--posy-methods=a,b,c` (webPreferences.additionalArguments). */
function methodNames(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith('--posy-methods='));
  if (!arg) return [];
  return arg
    .slice('--posy-methods='.length)
    .split(',')
    .filter((m) => /^[A-Za-z0-9_.]{1,100}$/.test(m));
}

const api: Record<string, (input: unknown) => Promise<unknown>> = Object.create(null) as Record<string, (input: unknown) => Promise<unknown>>;
for (const method of methodNames(process.argv)) {
  api[method] = (input: unknown) => ipcRenderer.invoke('posy:call', method, input);
}

contextBridge.exposeInMainWorld('posy', {
  platform: 'electron',
  api,
  onEvent(callback: (event: unknown) => void): () => void {
    if (typeof callback !== 'function') return () => {};
    const listener = (_event: IpcRendererEvent, payload: unknown) => callback(payload);
    ipcRenderer.on('posy:event', listener);
    return () => {
      ipcRenderer.removeListener('posy:event', listener);
    };
  },
});
