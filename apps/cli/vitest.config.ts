import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// End-to-end tests spawn the built binary dozens of times per test; on a
// loaded two-core machine that takes far longer than a unit test.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000 } }));
