// Run by `pnpm lint` after ESLint. ESLint's import-x/no-cycle skips type-only
// imports, but a type cycle is real coupling between layers (the room knowing
// the Connection class), so cycles are checked here, where type imports count.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles couple layers. Break one with a narrow interface declared by the consumer, ' +
        'as server/src/sync/commitQueue.ts does with CommitTarget.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|artifacts)/' },
    // Keep `import type` edges: they are what the known cycles are made of.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
    cache: false,
  },
}
