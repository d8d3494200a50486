/**
 * The web app, built by the launcher (packages/devstack/src/build-web.ts) into a cached folder the
 * API serves at `/`. No inline scripts or styles end up in index.html, so the strict
 * Content-Security-Policy (script-src 'self') holds.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    // Assets inlined as data: URLs would need a looser policy for scripts and fonts; keep them files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
