/**
 * Serves the built tab (Vite output in dist/tab) from the same restify server: hashed assets with
 * a long cache, index.html for `/` and the tab's client-side routes (`/tab/...`), and the files
 * Vite copies from tab/public (the favicon) at the root.
 */
import fs from "node:fs";
import path from "node:path";
import restify from "restify";

export function registerTabRoutes(server: restify.Server, tabDir: string): boolean {
  const indexFile = path.join(tabDir, "index.html");
  if (!fs.existsSync(indexFile)) return false;

  server.get("/assets/*", restify.plugins.serveStaticFiles(path.join(tabDir, "assets"), { maxAge: 31536000 }));

  const sendIndex = async (_req: restify.Request, res: restify.Response): Promise<void> => {
    // Read per request: cheap, and a rebuilt tab is picked up without a restart.
    const html = fs.readFileSync(indexFile);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", "Content-Length": html.length });
    res.end(html);
  };
  server.get("/", sendIndex);
  server.get("/tab/*", sendIndex);
  for (const file of fs.readdirSync(tabDir)) {
    const full = path.join(tabDir, file);
    if (file !== "index.html" && fs.statSync(full).isFile()) {
      server.get(`/${file}`, async (_req, res) => {
        const body = fs.readFileSync(full);
        res.writeHead(200, { "Content-Type": contentType(file), "Cache-Control": "public, max-age=3600" });
        res.end(body);
      });
    }
  }
  // Browsers and some hosts ask for /favicon.ico whatever the page links to: point them at the SVG.
  if (!fs.existsSync(path.join(tabDir, "favicon.ico")) && fs.existsSync(path.join(tabDir, "favicon.svg"))) {
    server.get("/favicon.ico", async (_req, res) => {
      res.writeHead(301, { Location: "/favicon.svg", "Cache-Control": "public, max-age=3600" });
      res.end();
    });
  }
  return true;
}

function contentType(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return (
    { ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".json": "application/json", ".txt": "text/plain; charset=utf-8", ".webmanifest": "application/manifest+json" }[ext] ??
    "application/octet-stream"
  );
}
