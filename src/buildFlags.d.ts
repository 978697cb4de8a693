/**
 * True in test builds only (`node esbuild.mjs`), false in product builds (`--production`, what `npm run package`
 * ships): code under `if (TEST_HOOKS)` — probes, echo messages, internal commands — is removed from the product.
 */
declare const TEST_HOOKS: boolean;
