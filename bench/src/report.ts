/** The bench's report: JSON for machines, Markdown for people, printed PASS/FAIL lines for the console. */
import os from "node:os";
import type { Figure } from "./scenarios";

export interface Report {
  date: string;
  machine: { cpus: string; cores: number; memoryGb: number; node: string; platform: string };
  durationS: number;
  figures: Figure[];
  notes: string[];
}

export function machine(): Report["machine"] {
  const cpu = os.cpus();
  return {
    cpus: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

const fmt = (v: number) => (Number.isInteger(v) ? v.toLocaleString("en") : v.toLocaleString("en", { maximumFractionDigits: 1 }));
const kv = (r: Record<string, number> | null) =>
  r
    ? Object.entries(r)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(", ")
    : "—";

export function passLines(figures: Figure[]): string[] {
  return figures.flatMap((f) => f.targets.map((t) => `${t.pass ? "PASS" : "FAIL"}  ${f.title} — ${t.label}`));
}

export function markdown(r: Report, chartFile: string): string {
  const rows = r.figures.map((f) => {
    const verdict = f.targets.length ? f.targets.map((t) => `${t.pass ? "PASS" : "**FAIL**"} ${t.label}`).join("<br>") : "—";
    return `| ${f.title} | ${kv(f.hub)} | ${f.baselineName ? `${f.baselineName}: ${kv(f.baseline)}` : "—"} | ${f.ratio ?? "—"} | ${verdict} | ${f.note} |`;
  });
  return [
    `# Team Korea Hub — bench ${r.date}`,
    "",
    `Machine: ${r.machine.cores} × ${r.machine.cpus}, ${r.machine.memoryGb} GiB, ${r.machine.platform}, Node ${r.machine.node}. The stack, the hub's four services, the baselines and the load generator all share it. Run took ${Math.round(r.durationS)} s.`,
    "",
    "Latencies in ms; rates per second. Each figure was measured beside its baseline in the same run. Ratios: throughput hub ÷ baseline; for latencies baseline ÷ hub (1 = as fast as the baseline). CPU: cores used by each process (and its children) while the hub was measured.",
    "",
    "| figure | hub | baseline | ratio | targets | what limits it |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `![latency distributions](${chartFile})`,
    "",
    ...(r.notes.length ? ["## Notes", "", ...r.notes.map((n) => `- ${n}`), ""] : []),
  ].join("\n");
}
