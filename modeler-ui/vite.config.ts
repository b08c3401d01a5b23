import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into modeler-ui/dist and served by the API on its own origin (api/ui.ts).
export default defineConfig({
  base: '/',
  plugins: [react()],
  // form-js-editor pins its own preact while form-js-viewer, whose components the editor renders,
  // takes the hoisted one: two copies break hooks ("reading 'context'"). One copy for all.
  resolve: { dedupe: ['preact'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The modeler (bpmn-js, properties panel, linter) is one large lazily loaded chunk by nature.
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/tmf-api': 'http://localhost:3000' } },
});
