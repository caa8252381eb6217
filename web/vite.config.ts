import { defineConfig } from 'vite';

/**
 * The storefront's build: Preact's JSX, hashed files under assets/, and no inline script or style,
 * so the gateway's Content-Security-Policy can stay at 'self'. Run from web/ (scripts/run/build-storefront.ts does).
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
