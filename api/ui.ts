import express, { Router } from 'express';
import path from 'node:path';

/** The app's own pages: deep links and reloads get index.html, and the app routes in the browser. */
const pages = /^\/(?:|login|crew|designer(?:\/[\w.-]+)?|dispatch(?:\/orders\/[0-9a-f-]{36}|\/statistics)?)\/?$/i;

/**
 * Serves the built browser app (modeler-ui/dist) on the API's origin, so the app calls the API
 * without CORS and `npm start` gives one URL. Hashed assets are cached for good; index.html never.
 */
export function modelerUi(distDir: string): Router {
  const r = Router();
  r.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff').set('X-Frame-Options', 'DENY').set('Referrer-Policy', 'same-origin');
    next();
  });
  r.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  r.get(pages, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(path.join(distDir, 'index.html'));
  });
  return r;
}
