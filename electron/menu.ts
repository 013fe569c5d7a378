import type { MenuItemOptions } from './electronApi';
import type { MenuStrings } from './strings';

export interface MenuActions {
  about(): void;
  openLogs(): void;
}

/**
 * The application menu. Roles give the platform's own behaviour and shortcuts; labels come from the
 * locale files. Developer tools exist only in development: a shop PC must not offer a console.
 */
export function menuTemplate(s: MenuStrings, opts: { isMac: boolean; isPackaged: boolean }, actions: MenuActions): MenuItemOptions[] {
  const sep: MenuItemOptions = { type: 'separator' };
  const view: MenuItemOptions[] = [
    { role: 'reload', label: s.view.reload },
    sep,
    { role: 'resetZoom', label: s.view.resetZoom },
    { role: 'zoomIn', label: s.view.zoomIn },
    { role: 'zoomOut', label: s.view.zoomOut },
    sep,
    { role: 'togglefullscreen', label: s.view.fullScreen },
  ];
  if (!opts.isPackaged) view.push(sep, { role: 'toggleDevTools', label: s.view.devTools });

  return [
    ...(opts.isMac ? [{ role: 'appMenu' } satisfies MenuItemOptions] : []),
    { label: s.file.title, submenu: [{ role: 'quit', label: s.file.quit }] },
    {
      // Without an Edit menu macOS has no copy and paste shortcuts in text fields.
      label: s.edit.title,
      submenu: [
        { role: 'undo', label: s.edit.undo },
        { role: 'redo', label: s.edit.redo },
        sep,
        { role: 'cut', label: s.edit.cut },
        { role: 'copy', label: s.edit.copy },
        { role: 'paste', label: s.edit.paste },
        { role: 'selectAll', label: s.edit.selectAll },
      ],
    },
    { label: s.view.title, submenu: view },
    { label: s.window.title, submenu: [{ role: 'minimize', label: s.window.minimize }] },
    {
      label: s.help.title,
      submenu: [
        { label: s.help.about, click: actions.about },
        { label: s.help.openLogs, click: actions.openLogs },
      ],
    },
  ];
}
