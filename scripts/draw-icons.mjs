// Draws the app's Teams icons: color.png (192×192, full-bleed colour) and outline.png (32×32,
// white on transparent). The motif is three people on rising steps: a cohort growing together.
// Run `node scripts/draw-icons.mjs` after changing the design; the PNGs are committed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../appPackage");

/** Signed distance to a rounded rectangle centred at (cx, cy). */
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

/** The motif in a unit square (0..1): three steps, each with a person's head above it. */
function motif(u, v) {
  const steps = [
    { cx: 0.27, top: 0.62 },
    { cx: 0.5, top: 0.5 },
    { cx: 0.73, top: 0.38 },
  ];
  let d = Infinity;
  for (const s of steps) {
    const bottom = 0.8;
    d = Math.min(d, roundedRect(u, v, s.cx, (s.top + bottom) / 2, 0.085, (bottom - s.top) / 2, 0.03));
    d = Math.min(d, circle(u, v, s.cx, s.top - 0.1, 0.065));
  }
  return d;
}

function draw(size, { background }) {
  const png = new PNG({ width: size, height: size });
  const aa = 1 / size; // one pixel, in unit coordinates
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      const coverage = Math.min(1, Math.max(0, 0.5 - motif(u, v) / aa));
      const i = (y * size + x) * 4;
      if (background) {
        const [r, g, b] = background;
        png.data[i] = Math.round(r + (255 - r) * coverage);
        png.data[i + 1] = Math.round(g + (255 - g) * coverage);
        png.data[i + 2] = Math.round(b + (255 - b) * coverage);
        png.data[i + 3] = 255;
      } else {
        png.data[i] = 255;
        png.data[i + 1] = 255;
        png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * coverage);
      }
    }
  }
  return PNG.sync.write(png);
}

fs.writeFileSync(path.join(out, "color.png"), draw(192, { background: [0x0f, 0x6c, 0x74] }));
fs.writeFileSync(path.join(out, "outline.png"), draw(32, { background: undefined }));
console.log("wrote appPackage/color.png and appPackage/outline.png");
