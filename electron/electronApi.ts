/**
 * The part of Electron's API that Posy uses, typed here rather than taken from the `electron` package:
 * Electron is an optional dependency (its binary download fails on offline machines, and npm then drops
 * the package along with its types), and the typecheck must pass on every machine that ran `npm install`.
 * The names and signatures mirror Electron 39's; keep them that way when adding to this list.
 */

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Display {
  workArea: Rectangle;
}

export interface WebFrameMain {
  url: string;
}

export interface IpcMainInvokeEvent {
  sender: WebContents;
  senderFrame: WebFrameMain | null;
}

export interface WebContents {
  id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }, url: string) => void): this;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): this;
  on(event: 'destroyed', listener: () => void): this;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  reload(): void;
  toggleDevTools(): void;
  getZoomLevel(): number;
  setZoomLevel(level: number): void;
}

export interface BrowserWindowOptions {
  x?: number;
  y?: number;
  width: number;
  height: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  title?: string;
  icon?: string;
  backgroundColor?: string;
  autoHideMenuBar?: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInWorker?: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent?: boolean;
    webviewTag?: boolean;
    spellcheck?: boolean;
    additionalArguments?: string[];
  };
}

export interface BrowserWindow {
  webContents: WebContents;
  loadFile(path: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rectangle;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'close' | 'closed' | 'resize' | 'move', listener: () => void): this;
}

export interface BrowserWindowConstructor {
  new (options: BrowserWindowOptions): BrowserWindow;
  getAllWindows(): BrowserWindow[];
  fromWebContents(webContents: WebContents): BrowserWindow | null;
}

export interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: 'separator' | 'normal' | 'submenu';
  accelerator?: string;
  enabled?: boolean;
  visible?: boolean;
  submenu?: MenuItemOptions[];
  click?: () => void;
}

export interface Menu {
  _brand?: 'Menu';
}

export interface ElectronMain {
  app: {
    isPackaged: boolean;
    name: string;
    getVersion(): string;
    getLocale(): string;
    getPreferredSystemLanguages?(): string[];
    getAppPath(): string;
    setPath(name: 'userData' | 'sessionData' | 'logs', path: string): void;
    setAppUserModelId(id: string): void;
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<void>;
    quit(): void;
    exit(code?: number): void;
    setAboutPanelOptions(options: { applicationName?: string; applicationVersion?: string; copyright?: string }): void;
    showAboutPanel(): void;
    on(event: 'second-instance' | 'window-all-closed' | 'activate' | 'before-quit' | 'will-quit', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): unknown;
  };
  BrowserWindow: BrowserWindowConstructor;
  ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  };
  Menu: {
    buildFromTemplate(template: MenuItemOptions[]): Menu;
    setApplicationMenu(menu: Menu | null): void;
  };
  dialog: {
    showErrorBox(title: string, content: string): void;
    showMessageBox(options: { type?: 'none' | 'info' | 'error' | 'question' | 'warning'; title?: string; message: string; detail?: string; buttons?: string[] }): Promise<{ response: number }>;
  };
  shell: {
    openPath(path: string): Promise<string>;
  };
  screen: {
    getAllDisplays(): Display[];
    getPrimaryDisplay(): Display;
  };
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler: ((wc: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
      setPermissionCheckHandler(handler: ((wc: WebContents | null, permission: string) => boolean) | null): void;
      webRequest: {
        onHeadersReceived(
          listener: (
            details: { url: string; responseHeaders?: Record<string, string[]> },
            callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
          ) => void,
        ): void;
      };
    };
  };
}

export interface IpcRendererEvent {
  _brand?: 'IpcRendererEvent';
}

export interface ElectronRenderer {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  };
}

/** The main process's Electron API (bundled as a plain require; 'electron' stays external). */
export function electronMain(): ElectronMain {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- typed above, not by the optional package
  return require('electron') as ElectronMain;
}

/** The preload's Electron API: only contextBridge and ipcRenderer are ever used there. */
export function electronRenderer(): ElectronRenderer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- typed above, not by the optional package
  return require('electron') as ElectronRenderer;
}
