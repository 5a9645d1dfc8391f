// Turns a run's raw measurements into the numbers the report states, and the
// report into Markdown.
import { slope } from './proc.mjs';

export const STEPS = ['upload', 'submit', 'accept', 'list_tasks', 'complete', 'get_case', 'verify', 'messages'];
const ASYNC = ['async_accept_to_task', 'async_complete_to_closed', 'async_closed_to_notified', 'case_duration'];
const READS = ['read_case_status', 'read_catalog_search', 'read_verify_licence'];

/** '300s', '5m', '1m30s', '250ms' → seconds. */
export function durationSeconds(text) {
  let total = 0;
  for (const [, n, unit] of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(n) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit];
  return total;
}

const mib = (bytes) => Math.round(bytes / 2 ** 20);
const r1 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const r2 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 100) / 100 : null);

function trend(m) {
  if (!m) return null;
  return { avg: r1(m.avg), med: r1(m.med), p95: r1(m['p(95)']), p99: r1(m['p(99)']), max: r1(m.max) };
}

function failedThresholds(metrics) {
  const failed = [];
  for (const [name, m] of Object.entries(metrics)) {
    // In the summary export, a threshold's value is true when it was crossed.
    for (const [expr, crossed] of Object.entries(m.thresholds ?? {})) if (crossed) failed.push(`${name}: ${expr}`);
  }
  return failed;
}

export function summariseRun({ k6, k6Seconds, settings, memory, cpuBefore, cpuAfter, backlogSamples, baselines }) {
  const m = k6.summary?.metrics ?? {};
  const warmup = durationSeconds(settings.warmup);
  const steady = durationSeconds(settings.duration);
  const completed = m.cases_completed?.count ?? 0;
  // Arrivals ramp linearly during the warm-up, then hold: the offered cases are the area under that.
  const offeredCases = settings.scenario === 'reads' ? 0 : Math.round(settings.rate * (warmup / 2 + steady));
  const caseRate = completed / Math.max(1, warmup / 2 + steady);
  const requests = m.http_reqs?.count ?? 0;

  const platformCpu = Object.fromEntries(
    Object.keys(cpuAfter).filter((k) => k !== 'machine').map((k) => [k, r1((cpuAfter[k] ?? 0) - (cpuBefore[k] ?? 0))]),
  );
  const platformCpuTotal = Object.values(platformCpu).reduce((a, b) => a + (b ?? 0), 0);
  const machineBusy = cpuAfter.machine.busy - cpuBefore.machine.busy;
  const machineTotal = cpuAfter.machine.total - cpuBefore.machine.total;

  const steadySamples = memory.filter((s) => s.t >= warmup);
  const rssSlope = slope(steadySamples.map((s) => ({ x: s.t / 60, y: s.rssBytes / 2 ** 20 })));
  // Heaps grow for a minute or so after the ramp; whether memory still grows is read off the second half.
  const lateSamples = memory.filter((s) => s.t >= warmup + steady / 2 && s.t <= warmup + steady);
  const lateSlope = slope(lateSamples.map((s) => ({ x: s.t / 60, y: s.rssBytes / 2 ** 20 })));
  const lateSlopePerProcess = Object.fromEntries(
    Object.keys(lateSamples[0]?.perProcess ?? {}).map((name) => [name, r1(slope(lateSamples.map((s) => ({ x: s.t / 60, y: (s.perProcess[name] ?? 0) / 2 ** 20 }))))]),
  );
  const peak = memory.reduce((a, s) => (s.rssBytes > a.rssBytes ? s : a), memory[0] ?? { rssBytes: 0, perProcess: {} });
  const perProcessPeak = {};
  for (const s of memory) for (const [name, bytes] of Object.entries(s.perProcess)) perProcessPeak[name] = Math.max(perProcessPeak[name] ?? 0, mib(bytes));

  const ceilings = baselines
    ? {
        httpRequestsPerSecond: r1(baselines.http?.requestsPerSecond),
        storeInsertsPerSecond: r1(baselines.store?.perSecond),
        busProducePerSecond: r1(baselines.bus?.producePerSecond),
        busConsumePerSecond: r1(baselines.bus?.consumePerSecond),
      }
    : null;
  // Ratios are small (a case is many requests and writes): three significant digits, not two decimals.
  const ratio = (x, ceiling) => (ceiling ? Number((x / ceiling).toPrecision(3)) : null);

  return {
    results: {
      offeredCasesPerSecond: settings.scenario === 'reads' ? 0 : settings.rate,
      offeredCases,
      casesSubmitted: m.cases_submitted?.count ?? 0,
      casesCompleted: completed,
      completeCasesPerSecond: r2(caseRate),
      droppedIterations: m.dropped_iterations?.count ?? 0,
      casesStuck: m.cases_stuck?.count ?? 0,
      pathFailedRate: r2(m.path_failed?.value ?? 0),
      httpRequests: requests,
      httpRequestsPerSecond: r1(m.http_reqs?.rate),
      httpFailedRate: m.http_req_failed?.value ?? null,
      httpFailed: m.http_req_failed?.passes ?? null,
      checksFailed: m.checks?.fails ?? null,
      requestsPerCase: completed ? r1(requests / completed) : null,
      httpLatency: trend(m.http_req_duration),
      steps: Object.fromEntries(STEPS.map((s) => [s, trend(m[`step_${s}`])]).filter(([, v]) => v)),
      async: Object.fromEntries(ASYNC.map((s) => [s, trend(m[s])]).filter(([, v]) => v)),
      reads: Object.fromEntries(READS.map((s) => [s, trend(m[s])]).filter(([, v]) => v)),
      thresholdsFailed: failedThresholds(m),
      k6ExitCode: k6.code,
      k6Seconds: r1(k6Seconds),
    },
    ceilings,
    ratios: ceilings
      ? {
          caseRateToHttpCeiling: ratio(caseRate, ceilings.httpRequestsPerSecond),
          httpRateToHttpCeiling: ratio(m.http_reqs?.rate ?? 0, ceilings.httpRequestsPerSecond),
          caseRateToStoreCeiling: ratio(caseRate, ceilings.storeInsertsPerSecond),
          caseRateToBusProduceCeiling: ratio(caseRate, ceilings.busProducePerSecond),
        }
      : null,
    memory: {
      startMiB: mib(memory[0]?.rssBytes ?? 0),
      peakMiB: mib(peak.rssBytes),
      endMiB: mib(memory.at(-1)?.rssBytes ?? 0),
      steadySlopeMiBPerMinute: r1(rssSlope),
      lateSlopeMiBPerMinute: r1(lateSlope),
      lateSlopePerProcessMiBPerMinute: lateSlopePerProcess,
      perProcessPeakMiB: perProcessPeak,
    },
    cpu: {
      platformSeconds: r1(platformCpuTotal),
      perService: platformCpu,
      platformMsPerCase: completed ? r1((platformCpuTotal * 1000) / completed) : null,
      machineBusyShare: machineTotal ? r2(machineBusy / machineTotal) : null,
      k6Seconds: null,
      othersSeconds: null,
      machineBusySeconds: r1(machineBusy),
    },
    backlog: backlogSamples.length
      ? {
          outboxMax: Math.max(...backlogSamples.map((s) => s.outboxTotal)),
          outboxEnd: backlogSamples.at(-1).outboxTotal,
          consumerLagMax: Math.max(...backlogSamples.map((s) => s.lagTotal)),
          consumerLagEnd: backlogSamples.at(-1).lagTotal,
          worstGroup: Object.entries(backlogSamples.reduce((acc, s) => {
            for (const [g, n] of Object.entries(s.lag)) acc[g] = Math.max(acc[g] ?? 0, n);
            return acc;
          }, {})).sort((a, b) => b[1] - a[1])[0] ?? null,
        }
      : null,
  };
}

const row = (cells) => `| ${cells.join(' | ')} |`;
const ms = (x) => (x === null || x === undefined ? '–' : `${x}`);

export function renderReport(report) {
  const { settings: s, results: r, ceilings, ratios, memory, cpu, backlog, verification: v } = report;
  if (report.k6CpuSeconds !== undefined && cpu) {
    cpu.k6Seconds = r1(report.k6CpuSeconds);
    cpu.runnerSeconds = r1(report.runnerCpuSeconds ?? 0);
    // The samples are taken a moment apart: a quiet machine can come out a little below zero.
    cpu.othersSeconds = r1(Math.max(0, cpu.machineBusySeconds - cpu.platformSeconds - report.k6CpuSeconds - (report.runnerCpuSeconds ?? 0)));
  }
  const lines = [];
  lines.push(`# Load run ${report.date}`);
  lines.push('');
  lines.push(`- commit \`${report.commit}\`${report.dirty === true ? ' (with uncommitted changes)' : typeof report.dirty === 'string' ? ` (${report.dirty})` : ''}`);
  lines.push(`- machine: ${report.machine.cores} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Linux ${report.machine.kernel}, Node ${report.machine.node}, ${report.k6}`);
  lines.push(`- command: \`${report.command}\``);
  lines.push(`- ${s.mode} mode, profile ${s.profile}, scenario ${s.scenario}: ${s.rate} cases/s offered + ${s.readRate} reads/s for ${s.duration} after a ${s.warmup} ramp; p99 bar ${s.p99} ms`);
  lines.push(`- load average before ${report.loadBefore}, after ${report.loadAfter}; machine busy ${Math.round((cpu.machineBusyShare ?? 0) * 100)} % during k6 (platform ${cpu.platformSeconds} CPU-s, k6 ${cpu.k6Seconds ?? '–'} CPU-s, this runner piping the logs ${cpu.runnerSeconds ?? '–'} CPU-s, everything else on the machine ${cpu.othersSeconds ?? '–'} CPU-s)`);
  lines.push('');
  lines.push('## Throughput and errors');
  lines.push('');
  lines.push(row(['offered cases/s', 'complete cases/s', 'completed / submitted', 'dropped arrivals', 'stuck', 'HTTP req/s', 'HTTP failed', 'checks failed', 'requests per case']));
  lines.push(row(Array(9).fill('---')));
  lines.push(row([r.offeredCasesPerSecond, r.completeCasesPerSecond, `${r.casesCompleted} / ${r.casesSubmitted}`, r.droppedIterations, r.casesStuck, r.httpRequestsPerSecond, `${r.httpFailed ?? 0} (${r.httpFailedRate ?? 0})`, r.checksFailed ?? 0, r.requestsPerCase ?? '–']));
  lines.push('');
  if (ceilings) {
    lines.push('## Baselines (same machine, same run) and ratios');
    lines.push('');
    lines.push(row(['ceiling', 'measured', 'ratio of the case rate to it']));
    lines.push(row(['---', '---', '---']));
    lines.push(row(['HTTP hello-world, express (req/s)', ceilings.httpRequestsPerSecond, `${ratios.caseRateToHttpCeiling} (the platform's own HTTP req/s: ${ratios.httpRateToHttpCeiling} of it)`]));
    lines.push(row([`store inserts, ${report.baselines.store.kind}, one writer (/s)`, ceilings.storeInsertsPerSecond, ratios.caseRateToStoreCeiling]));
    lines.push(row([`bus produce, ${report.baselines.bus.kind}, one at a time (/s)`, ceilings.busProducePerSecond, ratios.caseRateToBusProduceCeiling]));
    lines.push(row([`bus consume, ${report.baselines.bus.kind}, one group (/s)`, ceilings.busConsumePerSecond, '–']));
    lines.push('');
  }
  lines.push('## Latency (ms)');
  lines.push('');
  lines.push(row(['step', 'avg', 'med', 'p95', 'p99', 'max']));
  lines.push(row(Array(6).fill('---')));
  const add = (name, t) => t && lines.push(row([name, ms(t.avg), ms(t.med), ms(t.p95), ms(t.p99), ms(t.max)]));
  add('**every request**', r.httpLatency);
  for (const [k, t] of Object.entries(r.steps)) add(k, t);
  for (const [k, t] of Object.entries(r.reads)) add(k, t);
  for (const [k, t] of Object.entries(r.async)) add(`${k} (asynchronous, polled every 100 ms)`, t);
  lines.push('');
  lines.push(`Thresholds crossed: ${r.thresholdsFailed.length ? r.thresholdsFailed.map((t) => `\`${t}\``).join(', ') : 'none'}.`);
  lines.push('');
  lines.push('## End check');
  lines.push('');
  lines.push(`${v.ok ? '✓' : '✗'} ${v.found} cases found for ${v.submitted} submitted: ${Object.entries(v.byStatus).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}; lost ${v.lost}, unexpected ${v.unexpected}; licences in the certificate store ${v.licencesInStore ?? `unreadable (${v.storeError})`}, cases with more than one ${v.duplicateLicences.length}, closed cases without one ${v.casesWithoutLicenceInStore.length}, licence ids shared by cases ${v.sharedLicenceIds}.`);
  lines.push('');
  lines.push('## Memory and CPU');
  lines.push('');
  lines.push(`Resident memory of the 8 processes: ${memory.startMiB} MiB at the start, ${memory.peakMiB} MiB peak, ${memory.endMiB} MiB at the end; after the ramp it moved ${memory.steadySlopeMiBPerMinute} MiB/min, over the second half of the steady phase ${memory.lateSlopeMiBPerMinute} MiB/min (least squares; per process ${Object.entries(memory.lateSlopePerProcessMiBPerMinute ?? {}).map(([k, n]) => `${k} ${n}`).join(', ')}). Peak per process: ${Object.entries(memory.perProcessPeakMiB).map(([k, n]) => `${k} ${n}`).join(', ')} MiB.`);
  lines.push('');
  lines.push(`Platform CPU during k6: ${cpu.platformSeconds} s${cpu.platformMsPerCase ? ` (${cpu.platformMsPerCase} ms per complete case)` : ''}: ${Object.entries(cpu.perService).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  if (backlog) {
    lines.push('');
    lines.push(`Backlog (sampled every 5 s): outbox max ${backlog.outboxMax}, at the end ${backlog.outboxEnd}; consumer lag max ${backlog.consumerLagMax}${backlog.worstGroup ? ` (worst ${backlog.worstGroup[0]}: ${backlog.worstGroup[1]})` : ''}, at the end ${backlog.consumerLagEnd}.`);
  }
  if (report.cpuProfiles) {
    lines.push('');
    lines.push('## CPU profiles (self time)');
    for (const [service, p] of Object.entries(report.cpuProfiles)) {
      lines.push('');
      lines.push(`**${service}**: busy ${p.busyMs} ms, idle ${p.idleMs} ms. By package: ${p.packages.slice(0, 10).map((x) => `${x.name} ${x.share} %`).join(', ')}.`);
      lines.push('');
      for (const f of p.functions.slice(0, 12)) lines.push(`- ${f.share} % ${f.name}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
