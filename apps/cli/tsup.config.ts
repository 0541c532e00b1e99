import { defineConfig } from 'tsup';

// One bundle with every dependency inside: a command starts by reading a few
// files instead of resolving hundreds of modules. Each command's
// implementation stays its own chunk, loaded only when that command runs.
export default defineConfig({
  entry: ['src/bin.ts'],
  format: ['esm'],
  splitting: true,
  sourcemap: true,
  clean: true,
  minify: true,
  target: 'node20',
  noExternal: [/.*/],
  esbuildOptions(options) {
    // See src/string-width.ts: the same widths for our help text, without
    // the Intl.Segmenter that the real package creates at load time; and
    // src/assert-shim.ts: the two checks yargs makes, without node:assert.
    options.alias = { 'string-width': './src/string-width.ts', assert: './src/assert-shim.ts' };
  },
  banner: {
    // Bundled CommonJS dependencies call require(); ESM output has none of its own.
    js: "import { createRequire as __afsCreateRequire } from 'node:module'; const require = __afsCreateRequire(import.meta.url);",
  },
});
