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
        // The practice staff app (staff.html, its entry chunk and CSS) is a separate page: the
        // client's service worker never downloads or caches it.
        globIgnores: ['**/node_modules/**/*', 'staff.html', 'assets/staff-*'],
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
    {
      // The practice staff app is a page of its own (staff.html, served at /staff/...).
      name: 'attune:staff-page',
      enforce: 'post',
      // `npm run dev`: /staff and its deep links get staff.html, as the backend does.
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          const request = req as { url?: string };
          if (request.url && /^\/staff([/?]|$)/.test(request.url)) request.url = '/staff.html';
          next();
        });
      },
      // The PWA plugin links the client's manifest from every page; the staff page is not part
      // of the installable client app, so it goes without.
      transformIndexHtml: {
        order: 'post',
        handler: (html, ctx) =>
          ctx.path.endsWith('/staff.html') ? html.replace(/\s*<link rel="manifest"[^>]*>/, '') : html,
      },
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Every browser that can install the app supports modulepreload natively.
    modulePreload: { polyfill: false },
    // Two pages: the client PWA (index.html) and the practice staff app (staff.html, at /staff).
    rollupOptions: {
      input: {
        index: 'index.html',
        staff: 'staff.html',
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8000',
    },
  },
});
