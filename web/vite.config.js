// Two pages: the analysts' client (index.html) and the offline GraphiQL (graphiql.html).
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: { main: 'index.html', graphiql: 'graphiql.html' },
      // React libraries mark modules "use client", which only matters to server rendering.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
