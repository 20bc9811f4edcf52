import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

// Light theme background; the dark theme colour is set per colour scheme in index.html.
const THEME = '#fbf7f2';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // Registration lives in src/sw-bridge.ts (workbox-window); no injected or inline script,
      // so the CSP can stay at script-src 'self'.
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['icons/favicon.svg', 'icons/apple-touch-icon.png'],
      injectManifest: {
        // A classic (non-module) worker: module service workers are not everywhere yet.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html}'],
        sourcemap: false,
      },
      manifest: {
        id: '/',
        name: 'Attune',
        short_name: 'Attune',
        description:
          'Small daily steps to feel closer: two-minute lessons, questions to share and challenges for couples. Works offline.',
        lang: 'en',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME,
        background_color: THEME,
        categories: ['health', 'lifestyle', 'education'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Every browser that can install the app supports modulepreload natively.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8000',
    },
  },
});
