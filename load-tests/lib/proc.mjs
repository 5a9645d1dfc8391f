// What the kernel says about processes and the machine: resident memory, CPU
// time, load. Linux /proc only; elsewhere the samplers return nothing.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux build that matters here

/** Resident set size in bytes (VmRSS), or 0 when the process is gone. */
export function rssBytes(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds the process has used so far, or 0 when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The whole machine's busy and total CPU seconds since boot (all cores). */
export function machineCpu() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return loadavg().map((x) => x.toFixed(2)).join(' ');
  }
}

export function machine() {
  const c = cpus();
  return {
    cpuModel: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
  };
}

/**
 * Samples, every `intervalMs`, the RSS of each named process (summed) and the
 * machine's load; `stop()` returns the samples.
 */
export function startSampler(pids, { intervalMs = 2000 } = {}) {
  const samples = [];
  const began = Date.now();
  const sample = () => {
    const perProcess = Object.fromEntries(Object.entries(pids()).map(([name, pid]) => [name, rssBytes(pid)]));
    const total = Object.values(perProcess).reduce((a, b) => a + b, 0);
    samples.push({ t: (Date.now() - began) / 1000, rssBytes: total, perProcess, load1: Number(loadAverage().split(' ')[0]) });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}

/** Least-squares slope of y over x (per unit of x). */
export function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
