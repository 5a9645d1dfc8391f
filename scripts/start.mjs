#!/usr/bin/env node
// `npm start`: the whole platform on this machine, embedded storage in ./data.
import { join } from 'node:path';
import { ROOT, startPlatform } from './platform.mjs';

const dataDir = process.env.DATA_DIR ?? join(ROOT, 'data');
console.log(`OneWindow: starting 8 services (data in ${dataDir}) …`);
let platform;
try {
  platform = await startPlatform({ dataDir, progress: (line) => console.log(line) });
} catch (err) {
  console.error(`OneWindow did not start: ${err.message}`);
  process.exit(1);
}
const { gatewayUrl } = platform;
// The embedded issuer behind the gateway, or the external one (Keycloak) the platform was pointed at.
const issuer = platform.env.gateway.OIDC_ISSUER;
console.log(`
OneWindow is running at ${gatewayUrl}
  health:   ${gatewayUrl}/healthz
  API:      ${gatewayUrl}/openapi.json
  realm:    ${issuer}/.well-known/openid-configuration
  logs:     ${join(platform.dataDir, 'logs')}

Demo accounts (password: onewindow-demo): applicant-demo, clerk-demo, approver-demo, supervisor-demo, admin-demo
  token:    curl -s ${issuer}/protocol/openid-connect/token \\
              -d grant_type=password -d client_id=onewindow-console -d username=applicant-demo -d password=onewindow-demo

A service that dies is started again (launcher.log says when); Ctrl-C stops everything; data survives a restart.`);

const shutdown = async (signal) => {
  console.log(`\n${signal}: stopping …`);
  await platform.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
