/** The data-collection terminal's dialogs, mounted by the counting screen (renderer/counts). */
export { TerminalImportDialog } from './TerminalImportDialog';
export { SerialUploadDialog } from './SerialUploadDialog';
export { ExportProductsButton } from './ExportProductsButton';
