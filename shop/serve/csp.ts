/**
 * The window's Content Security Policy: the same string as the renderer's meta tag, sent as a header
 * by browser mode and by Electron for file:// so it also covers what a meta tag cannot (frame-ancestors).
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
