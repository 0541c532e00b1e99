import { defineConfig } from 'tsup';

// Each command's implementation is its own chunk, loaded only when that command runs.
export default defineConfig({
  entry: ['src/bin.ts'],
  format: ['esm'],
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
