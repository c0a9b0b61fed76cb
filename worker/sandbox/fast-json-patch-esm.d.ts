// The package's ES module entry, named by path so that Node (the scripts, through tsx) loads the same
// module as esbuild and vite: its CommonJS `main` hides the named exports from Node's ESM loader.
declare module 'fast-json-patch/index.mjs' {
  export * from 'fast-json-patch';
}
