// Loopback ports of the cluster suite: away from the defaults (`npm start`,
// `npm run infra:up`: 8080, 8180, 9092, 27017, 7051–7057, 9080–9087) and
// from the embedded end-to-end test (port offset 3000), so all can run side by side.
export const CLUSTER_PORTS = {
  /** Kafka broker (the KRaft controller listens on the next port). */
  kafka: 19192,
  /** The broker that the restart test starts, kills and starts again. */
  kafkaRestart: 19292,
  /** FerretDB (MongoDB wire). */
  mongo: 27127,
  /** Keycloak HTTP (management/health on +10). */
  keycloak: 18180,
  /** Added to every platform port: gateway 13080, identity 13081, gRPC 12051–12057, ops 14080–14087 (the e2e moves on by 300 while a port is taken). */
  platformOffset: 5000,
} as const;

/** What the global setup hands to the tests (`inject('cluster')`). */
export interface ClusterContext {
  kafkaBrokers: string;
  mongoUrl: string;
  /** The Keycloak realm URL: OIDC_ISSUER. */
  issuer: string;
  /** Keycloak's base URL (admin API): KEYCLOAK_URL. */
  keycloakUrl: string;
  servicesClientSecret: string;
  partnerClientSecret: string;
  /** Secret of onewindow-identity, the identity service's admin API client. */
  identityAdminSecret: string;
  /** A scratch folder removed after the run; `platform/logs` in it is kept with the server logs. */
  dataDir: string;
}
