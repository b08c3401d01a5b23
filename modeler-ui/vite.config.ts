import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into modeler-ui/dist and served by the API on its own origin (api/ui.ts).
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The modeler (bpmn-js, properties panel, linter) is one large lazily loaded chunk by nature.
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/tmf-api': 'http://localhost:3000' } },
});
