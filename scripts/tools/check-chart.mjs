#!/usr/bin/env node
// Checks the Helm chart: `helm lint --strict`, then renders it with the
// default values and checks that every service of the platform gets its
// Deployment (running its own main.js, probed on the ops port) and Service.
// helm is built from the Go module proxy into the project cache (install.mjs).
//
//   npm run lint:chart
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTool } from './install.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CHART = join(ROOT, 'deploy', 'helm', 'onewindow');
const SERVICES = readdirSync(join(ROOT, 'services')).sort();

function helm(binary, args) {
  const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) {
    console.error(`✗ helm ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  return r.stdout;
}

try {
  const binary = await ensureTool('helm');
  console.log('▶ helm lint --strict deploy/helm/onewindow');
  process.stdout.write(helm(binary, ['lint', '--strict', CHART]));

  console.log('▶ helm template: one Deployment and one Service per service, each running its own main.js');
  const rendered = helm(binary, ['template', 'onewindow', CHART]);
  const docs = rendered.split(/^---$/m).filter((d) => /^kind:/m.test(d));
  const named = (kind) => docs.filter((d) => new RegExp(`^kind: ${kind}$`, 'm').test(d)).map((d) => /^ {2}name: (\S+)$/m.exec(d)?.[1]);
  const problems = [];
  for (const service of SERVICES) {
    const name = `onewindow-${service}`;
    const deployment = docs.find((d) => /^kind: Deployment$/m.test(d) && new RegExp(`^ {2}name: ${name}$`, 'm').test(d));
    if (!deployment) problems.push(`no Deployment ${name}`);
    else {
      if (!deployment.includes(`"services/${service}/dist/main.js"`)) problems.push(`${name} does not run services/${service}/dist/main.js`);
      if (!/readinessProbe:/.test(deployment) || !/livenessProbe:/.test(deployment)) problems.push(`${name} lacks a readiness or liveness probe`);
    }
    if (!named('Service').includes(name)) problems.push(`no Service ${name}`);
  }
  if (problems.length > 0) {
    console.error(`✗ the chart's rendering:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`✓ chart: lint clean; ${SERVICES.length} services, each with its Deployment and Service (${docs.length} objects rendered)`);
} catch (err) {
  console.error(`✗ ${err.message}`);
  process.exit(1);
}
