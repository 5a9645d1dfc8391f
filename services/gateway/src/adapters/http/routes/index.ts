import type { Upstreams } from '../../../app/upstreams.js';
import type { Route } from '../route.js';
import { identityRoutes } from './identity.js';
import { intakeRoutes, type IntakeRouteOptions } from './intake.js';
import { approvalRoutes } from './approval.js';
import { certificateRoutes } from './certificate.js';
import { feesRoutes } from './fees.js';
import { notificationsRoutes } from './notifications.js';
import { routingRoutes } from './routing.js';

/** The public REST API, one module per service behind it. Each handler forwards the caller's token; services authorize. */
export function apiRoutes(up: Upstreams, options: { intake?: IntakeRouteOptions } = {}): Route[] {
  return [...identityRoutes(up), ...intakeRoutes(up, options.intake), ...approvalRoutes(up), ...certificateRoutes(up), ...feesRoutes(up), ...notificationsRoutes(up), ...routingRoutes(up)];
}
