// A stand-in for the `electron` module, for machines where the Electron binary cannot be installed:
// it records what dist/electron/main.cjs and preload.cjs ask of Electron, so the bundles' own logic
// (IPC checks, window options, menu, start-up failure) runs for real under Node. Loaded with
// `node -r test/helpers/fakeElectron.cjs`; the state is on globalThis.__fakeElectron.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node -r) by necessity
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? __filename : resolve.call(this, request, ...rest);
};

const state = { handlers: {}, windows: [], exposed: {}, appListeners: {}, dialogs: [], menus: [], paths: {}, sent: [] };
globalThis.__fakeElectron = state;

class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = {
      id: state.windows.length + 1,
      send: (channel, payload) => state.sent.push({ channel, payload }),
      isDestroyed: () => false,
      on() { return this; },
      setWindowOpenHandler() {},
    };
    state.windows.push(this);
  }
  static getAllWindows() { return state.windows; }
  loadFile(path) { this.loaded = path; return Promise.resolve(); }
  maximize() {}
  once() { return this; }
  on() { return this; }
  isDestroyed() { return false; }
}

const area = { x: 0, y: 0, width: 1920, height: 1040 };
module.exports = {
  app: {
    isPackaged: false,
    getVersion: () => '0.0.0-test',
    getLocale: () => 'en-US',
    getPreferredSystemLanguages: () => (process.env.FAKE_ELECTRON_LANGS ?? 'en').split(','),
    setPath: (name, path) => { state.paths[name] = path; },
    setAppUserModelId() {},
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on(event, listener) { (state.appListeners[event] ??= []).push(listener); },
    quit() {},
    exit() {},
    setAboutPanelOptions() {},
    showAboutPanel() {},
    getAppPath: () => process.cwd(),
  },
  BrowserWindow,
  ipcMain: { handle(channel, listener) { state.handlers[channel] = listener; } },
  Menu: { buildFromTemplate(template) { state.menus.push(template); return {}; }, setApplicationMenu() {} },
  dialog: {
    showMessageBox(options) { state.dialogs.push(options); return Promise.resolve({ response: 0 }); },
    showErrorBox(title, content) { state.dialogs.push({ title, message: content }); },
  },
  shell: { openPath: () => Promise.resolve('') },
  screen: { getAllDisplays: () => [{ workArea: area }], getPrimaryDisplay: () => ({ workArea: area }) },
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler) { state.permissionHandler = handler; },
      setPermissionCheckHandler(handler) { state.permissionCheck = handler; },
      webRequest: { onHeadersReceived(listener) { state.headersListener = listener; } },
    },
  },
  contextBridge: { exposeInMainWorld(key, api) { state.exposed[key] = api; } },
  ipcRenderer: {
    invoke: (...args) => Promise.resolve(args),
    on(channel, listener) { state.rendererListener = listener; },
    removeListener() { state.rendererListener = null; },
  },
};
