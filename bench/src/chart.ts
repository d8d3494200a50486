/**
 * The latency distributions as a PNG: per figure, the hub's and its baseline's latencies as
 * percentile curves (x: percentile, y: ms on a log scale), so tails are seen, not only medians.
 */
import { writeFileSync } from "node:fs";
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { Figure } from "./scenarios";

const W = 560;
const H = 300;
const PAD = { left: 60, right: 16, top: 34, bottom: 40 };

function panel(ctx: SKRSContext2D, x0: number, y0: number, f: Figure) {
  const series = [
    { name: "hub", color: "#c0392b", ms: f.samples?.hub ?? [] },
    { name: f.baselineName, color: "#2471a3", ms: f.samples?.baseline ?? [] },
  ].filter((s) => s.ms.length > 0);
  const all = series.flatMap((s) => s.ms).filter((v) => v > 0);
  const lo = Math.max(0.1, Math.min(...all));
  const hi = Math.max(lo * 10, Math.max(...all));
  const [l0, l1] = [Math.log10(lo), Math.log10(hi)];
  const px = (p: number) => x0 + PAD.left + (p / 100) * (W - PAD.left - PAD.right);
  const py = (ms: number) => y0 + H - PAD.bottom - ((Math.log10(Math.max(ms, lo)) - l0) / (l1 - l0)) * (H - PAD.top - PAD.bottom);

  ctx.fillStyle = "#fff";
  ctx.fillRect(x0, y0, W, H);
  ctx.fillStyle = "#222";
  ctx.font = "bold 13px sans-serif";
  ctx.fillText(f.title.length > 78 ? `${f.title.slice(0, 77)}…` : f.title, x0 + 8, y0 + 18);
  ctx.font = "11px sans-serif";
  ctx.strokeStyle = "#ddd";
  for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v < lo || v > hi) continue;
      ctx.beginPath();
      ctx.moveTo(px(0), py(v));
      ctx.lineTo(px(100), py(v));
      ctx.stroke();
      ctx.fillStyle = "#666";
      ctx.fillText(`${v} ms`, x0 + 6, py(v) + 4);
    }
  }
  for (const p of [50, 95, 99]) {
    ctx.strokeStyle = "#bbb";
    ctx.beginPath();
    ctx.moveTo(px(p), y0 + PAD.top);
    ctx.lineTo(px(p), y0 + H - PAD.bottom);
    ctx.stroke();
    ctx.fillStyle = "#666";
    ctx.fillText(`p${p}`, px(p) - 10, y0 + H - PAD.bottom + 14);
  }
  series.forEach((s, i) => {
    const sorted = [...s.ms].sort((a, b) => a - b);
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    sorted.forEach((v, k) => {
      const x = px((k / Math.max(1, sorted.length - 1)) * 100);
      if (k === 0) ctx.moveTo(x, py(v));
      else ctx.lineTo(x, py(v));
    });
    ctx.stroke();
    ctx.lineWidth = 1;
    ctx.fillStyle = s.color;
    ctx.fillText(
      s.name.length > 60 ? `${s.name.slice(0, 59)}…` : s.name,
      x0 + PAD.left + 6,
      y0 + H - 8 - (series.length - 1 - i) * 0 - (i === 0 ? 12 : 0),
    );
  });
}

export function writeChart(file: string, figures: Figure[]): void {
  const withSamples = figures.filter((f) => (f.samples?.hub.length ?? 0) > 0);
  const cols = 2;
  const rows = Math.max(1, Math.ceil(withSamples.length / cols));
  const canvas = createCanvas(W * cols, H * rows);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W * cols, H * rows);
  for (const [i, f] of withSamples.entries()) panel(ctx, (i % cols) * W, Math.floor(i / cols) * H, f);
  writeFileSync(file, canvas.toBuffer("image/png"));
}
