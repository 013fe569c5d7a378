/**
 * Process boundaries, checked in CI (`npm run check:imports`). See docs/ARCHITECTURE.md.
 * @type {import('dependency-cruiser').IConfiguration}
 */
// Resolved npm paths look like node_modules/<pkg>/...; an uninstalled optional one (electron) stays a bare name.
const pkg = (names) => `^(node_modules/)?(${names})(/|$)`;

module.exports = {
  forbidden: [
    {
      name: 'renderer-only-types-from-backend',
      comment: 'The renderer talks to the backend through the API only: it may import types from shop/api/contract.ts, nothing else of shop/, db/, hardware/ or electron/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(shop|db|hardware|electron|build)/', pathNot: '^shop/api/contract\\.ts$' },
    },
    {
      name: 'renderer-contract-is-type-only',
      comment: 'Even the contract is imported with `import type`, so no backend code reaches the renderer bundle.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^shop/api/contract\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-no-node-or-native',
      comment: 'The renderer runs sandboxed in Chromium: no Node built-ins, no native modules, no Electron.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: pkg('better-sqlite3|electron|serialport|node-hid|node-thermal-printer|ws|pino|rotating-file-stream') },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'backend-knows-no-electron',
      comment: 'shop/, db/ and hardware/ are plain Node: the same code serves Electron and browser mode (and later a server).',
      severity: 'error',
      from: { path: '^(shop|db|hardware)/' },
      to: { path: [pkg('electron'), '^renderer/'] },
    },
    {
      name: 'db-is-the-bottom',
      comment: 'db/ knows SQLite and its migrations, nothing of the shop.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(shop|hardware|electron|renderer|build|bench|test)/' },
    },
    {
      name: 'hardware-knows-no-shop',
      comment: 'Drivers talk to devices; the shop decides what to do with them.',
      severity: 'error',
      from: { path: '^hardware/' },
      to: { path: '^(shop|db|electron|renderer)/' },
    },
    {
      name: 'electron-does-not-bundle-renderer',
      comment: 'Electron loads the built renderer from dist/; it never imports renderer source.',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'nothing-imports-tests-or-bench',
      severity: 'error',
      from: { path: '^(shop|db|hardware|electron|renderer|build)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
