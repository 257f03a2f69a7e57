import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The Guatu server listens here in development (`PORT=8080`); the dev server forwards API and sync traffic to it. */
const DEV_SERVER_ORIGIN = 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': DEV_SERVER_ORIGIN,
      '/sync': { target: DEV_SERVER_ORIGIN, ws: true },
    },
  },
  build: {
    // The server serves client/dist; a source map helps when a department reports a crash from the meeting room.
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // zod, with the module that turns its eval off, in a chunk of its own: every chunk holding
            // schemas imports it, so zod is configured before any schema is built. Left to the
            // splitter, zod joined a chunk shared with the lazy pages whose schemas are built at load,
            // before main.tsx's first import ran, and zod's probe for eval broke the CSP.
            { name: 'zod', test: /[\\/]zod@[^\\/]+[\\/]node_modules[\\/]zod[\\/]|zodWithoutEval/, priority: 10 },
          ],
        },
      },
    },
  },
})
