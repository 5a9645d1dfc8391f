import type {
  approvalV1,
  certificateV1,
  feesV1,
  identityV1,
  intakeV1,
  notificationsV1,
  routingV1,
} from '@onewindow/contracts';
import type { RpcClient } from '@onewindow/rpc';

/** The services behind the gateway, reached over gRPC with the caller's token. */
export interface Upstreams {
  readonly identity: RpcClient<typeof identityV1.IdentityServiceService>;
  readonly intake: RpcClient<typeof intakeV1.IntakeServiceService>;
  readonly approval: RpcClient<typeof approvalV1.ApprovalServiceService>;
  readonly certificate: RpcClient<typeof certificateV1.CertificateServiceService>;
  readonly fees: RpcClient<typeof feesV1.FeesServiceService>;
  readonly notifications: RpcClient<typeof notificationsV1.NotificationsServiceService>;
  readonly routing: RpcClient<typeof routingV1.RoutingServiceService>;
}
