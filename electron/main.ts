import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Backend } from '../shop/backend';
import type { ClientState } from '../shop/api/define';
import type { ApiResult } from '../shop/api/errors';
import { handlers } from '../shop/api/handlers';
import { CSP } from '../shop/serve/csp';
import { setClientErrorSink } from '../shop/system/handlers';
import { dataDir as defaultDataDir } from '../shop/system/dataDir';
import { logUncaught, openLog } from '../shop/system/log';
import { startupFailure } from '../shop/system/startupFailure';
import { electronMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from './electronApi';
import { menuTemplate } from './menu';
import { menuStrings, pickLanguage, startupMessage } from './strings';
import { MIN_SIZE, placeWindow, readWindowState, writeWindowState } from './windowState';

/*
 * Electron main process. The backend runs here, in-process: every call is a short synchronous SQLite
 * transaction. The next step is a utility process (utilityProcess.fork) so that long work — imports,
 * reports, printing — can never freeze the window.
 */

const { app, BrowserWindow, ipcMain, Menu, dialog, shell, screen, session } = electronMain();

const RENDERER_INDEX = join(__dirname, '..', 'renderer', 'index.html');
const INDEX_URL = pathToFileURL(RENDERER_INDEX).href;
const PRELOAD = join(__dirname, 'preload.cjs');
/** better-sqlite3 built for Electron's ABI by build/native-electron.mjs; node_modules keeps the Node build for tests. */
const DEV_NATIVE_BINDING = join(__dirname, '..', '..', '.native', 'electron', 'better_sqlite3.node');

function nativeBinding(): string | undefined {
  // Packaged apps get node_modules rebuilt for Electron by electron-builder (npmRebuild), so only development needs this.
  if (app.isPackaged) return undefined;
  return existsSync(DEV_NATIVE_BINDING) ? DEV_NATIVE_BINDING : undefined;
}

/** Only our own page may call the backend: not a navigated-to page, not a frame from anywhere else. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && `${u.protocol}//${u.host}${u.pathname}` === INDEX_URL;
  } catch {
    return false;
  }
}

function main(): void {
  const dataDir = defaultDataDir();
  // Chromium's own profile (storage, caches) lives with the shop's data: one folder to back up or to wipe,
  // and the single-instance lock below is per data folder, so a test instance never blocks the shop's.
  app.setPath('userData', join(dataDir, 'electron'));
  if (process.platform === 'win32') app.setAppUserModelId('ge.posy.app');
  if (!app.requestSingleInstanceLock()) {
    // One Posy per data folder: a second start just brings the first window forward.
    app.quit();
    return;
  }

  const log = openLog({ dataDir });
  const language = pickLanguage(app.getPreferredSystemLanguages?.() ?? [app.getLocale()]);
  const strings = menuStrings(language);
  let lastErrorDialog = 0;
  logUncaught(log, (kind) => {
    // Say it once in a while, never in a loop: the log has every occurrence.
    if (kind !== 'uncaughtException' || Date.now() - lastErrorDialog < 30_000) return;
    lastErrorDialog = Date.now();
    void dialog.showMessageBox({ type: 'error', title: 'Posy', message: strings.dialog.unexpected, buttons: [strings.dialog.ok] });
  });
  setClientErrorSink((report) => log.clientError(report));
  log.logger.info({ version: app.getVersion(), dataDir, packaged: app.isPackaged }, 'Posy starting (Electron)');

  let backend: Backend | null = null;
  let failure: ApiResult<never> | null = null;
  try {
    const binding = nativeBinding();
    backend = Backend.boot({
      dataDir,
      ...(binding ? { nativeBinding: binding } : {}),
      log: (error, method) => log.backendError(error, method),
    });
  } catch (e) {
    failure = startupFailure(e);
    log.logger.fatal({ err: e }, 'backend failed to start');
    if (!app.isPackaged && !existsSync(DEV_NATIVE_BINDING)) {
      log.logger.warn('no Electron build of better-sqlite3 in .native/electron: run `node build/native-electron.mjs`');
    }
  }

  // Method names come from the handler map itself, so a window whose backend failed can still ask and be told why.
  const methods = new Set(backend?.methods ?? Object.keys(handlers));
  const clients = new Map<number, ClientState>();

  function clientOf(contents: WebContents): ClientState {
    let client = clients.get(contents.id);
    if (!client && backend) {
      client = backend.newClient();
      clients.set(contents.id, client);
      contents.on('destroyed', () => clients.delete(contents.id));
    }
    return client ?? { id: String(contents.id), userId: null };
  }

  ipcMain.handle('posy:call', async (event, method, input): Promise<ApiResult<unknown>> => {
    if (!fromOurPage(event)) {
      log.logger.warn({ url: event.senderFrame?.url }, 'IPC call from a foreign page refused');
      return { ok: false, error: { code: 'forbidden', messageKey: 'errors:api.forbiddenGeneric' } };
    }
    if (typeof method !== 'string' || !methods.has(method)) {
      return { ok: false, error: { code: 'unknown_method', messageKey: 'errors:api.unknownMethod', params: { method: String(method) } } };
    }
    if (failure || !backend) return failure ?? startupFailure(undefined);
    return backend.call(clientOf(event.sender), method, input);
  });

  backend?.onEvent((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send('posy:event', event);
    }
  });

  // A page that crashes while loading would otherwise reload in a loop: at most three a minute, then say so.
  const recentReloads: number[] = [];
  function mayReload(): boolean {
    const now = Date.now();
    while (recentReloads.length > 0 && now - recentReloads[0]! > 60_000) recentReloads.shift();
    if (recentReloads.length >= 3) return false;
    recentReloads.push(now);
    return true;
  }

  // Nothing that runs in a window may take it somewhere else or open another one.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('render-process-gone', (_e, details) => {
      log.logger.error(details, 'window process gone');
      // Everything saved is in the database; a fresh page brings the counter back instead of a blank window.
      if (details.reason === 'clean-exit' || contents.isDestroyed()) return;
      if (mayReload()) setTimeout(() => contents.isDestroyed() || contents.reload(), 500);
      else void dialog.showMessageBox({ type: 'error', title: 'Posy', message: strings.dialog.unexpected, buttons: [strings.dialog.ok] });
    });
  });

  const stateFile = join(dataDir, 'window-state.json');
  let mainWindow: BrowserWindow | null = null;

  function createWindow(): void {
    const placed = placeWindow(
      readWindowState(stateFile),
      screen.getAllDisplays().map((d) => d.workArea),
      screen.getPrimaryDisplay().workArea,
    );
    const win = new BrowserWindow({
      ...placed.bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'Posy',
      backgroundColor: '#ffffff',
      webPreferences: {
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        additionalArguments: [`--posy-methods=${[...methods].join(',')}`],
      },
    });
    mainWindow = win;
    if (placed.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('close', () => {
      try {
        writeWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
      } catch (e) {
        log.logger.warn({ err: e }, 'window state not saved');
      }
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadFile(RENDERER_INDEX).catch((e: unknown) => log.logger.error({ err: e }, 'window failed to load'));
  }

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    try {
      backend?.shutdown();
    } catch (e) {
      log.logger.error({ err: e }, 'shutdown failed');
    }
    log.logger.info('Posy stopped');
    void log.close();
  });

  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...(details.responseHeaders ?? {}) };
      if (details.url.startsWith('file:')) {
        headers['Content-Security-Policy'] = [CSP];
        headers['X-Content-Type-Options'] = ['nosniff'];
      }
      callback({ responseHeaders: headers });
    });

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(strings, { isMac: process.platform === 'darwin', isPackaged: app.isPackaged }, {
          // A plain message box: the native about panel is not available on every platform.
          about: () =>
            void dialog.showMessageBox({ type: 'info', title: strings.help.about, message: `Posy ${app.getVersion()}`, detail: dataDir, buttons: [strings.dialog.ok] }),
          openLogs: () => void shell.openPath(log.dir),
        }),
      ),
    );

    createWindow();

    if (failure && !failure.ok) {
      // The window shows the same reason; the dialog makes sure it is seen even if the window cannot draw.
      const text = startupMessage(language, failure.error);
      void dialog.showMessageBox({ type: 'error', title: text.title, message: text.message, detail: text.detail, buttons: [strings.dialog.ok] });
    }
  });
}

main();
