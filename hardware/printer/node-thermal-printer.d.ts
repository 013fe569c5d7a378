// node-thermal-printer ships types for its ThermalPrinter only; these are the two interface classes
// hardware/printer/transports.ts builds on (lib/interfaces/interface.js and printer.js, v4.6).
declare module 'node-thermal-printer/lib/interfaces/interface.js' {
  export default class Interface {
    getPrinterName(): string;
    isPrinterConnected(exists?: boolean): Promise<boolean>;
    execute(buffer: Buffer, options?: object): Promise<unknown>;
  }
}

declare module 'node-thermal-printer/lib/interfaces/printer.js' {
  import Interface from 'node-thermal-printer/lib/interfaces/interface.js';
  export default class Printer extends Interface {
    constructor(printerName: string, driver: object);
    name: string;
    driver: object;
  }
}
