// Generated gRPC contracts, one namespace per service and version.
// The code under ./gen is produced by `npm run generate` from proto/ and never edited.
export * as identityV1 from './gen/onewindow/identity/v1/identity.js';
export * as intakeV1 from './gen/onewindow/intake/v1/intake.js';
export * as approvalV1 from './gen/onewindow/approval/v1/approval.js';
export * as certificateV1 from './gen/onewindow/certificate/v1/certificate.js';
export * as feesV1 from './gen/onewindow/fees/v1/fees.js';
export * as notificationsV1 from './gen/onewindow/notifications/v1/notifications.js';
export * as routingV1 from './gen/onewindow/routing/v1/routing.js';
