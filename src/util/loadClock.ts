/**
 * When the bundle began to evaluate. extension.ts imports this module first, so esbuild puts it at
 * the top of dist/extension.js: the benchmark can tell VS Code's share of an activation (before
 * this), the bundle's (from this to activate()) and activate()'s own.
 */
export const bundleStartedAt = performance.now();
