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
  readonly identity: RpcClient<identityV1.IdentityServiceClient>;
  readonly intake: RpcClient<intakeV1.IntakeServiceClient>;
  readonly approval: RpcClient<approvalV1.ApprovalServiceClient>;
  readonly certificate: RpcClient<certificateV1.CertificateServiceClient>;
  readonly fees: RpcClient<feesV1.FeesServiceClient>;
  readonly notifications: RpcClient<notificationsV1.NotificationsServiceClient>;
  readonly routing: RpcClient<routingV1.RoutingServiceClient>;
}
