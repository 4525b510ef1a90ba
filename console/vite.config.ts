import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served by the gateway at /console/ (same origin as the APIs and the sign-in endpoints).
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 1500 },
});
