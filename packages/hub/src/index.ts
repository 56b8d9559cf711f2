/**
 * @ndxp/hub: the exchange hub. Identity and token endpoint, control plane (members, subsystems,
 * keys, catalogue, grants, users), data plane, audit.
 */
export { buildHub, type BuildHubOptions, type Hub } from './app/build-hub.ts';
export { startHub, type StartedHub } from './app/start-hub.ts';
export { loadHubConfig, hubEnvSchema, insecureSettings, type HubConfig } from './app/hub-config.ts';
export type { HubContext, HubLogger } from './app/hub-context.ts';
export { createHubKeyring, HUB_SIGNING_ALG, type HubKeyring, type HubSigningKey, type PublishedJwk } from './identity/hub-keyring.ts';
export { JWT_BEARER_ASSERTION_TYPE } from './identity/token-routes.ts';
export { ACCESS_TOKEN_TYP, dataPlaneAudience } from './identity/issue-access-token.ts';
export { controlPlaneAudience, USER_ROLES, type UserRole } from './identity/issue-session-token.ts';
export { verifyHubToken } from './identity/verify-hub-token.ts';
export { SUBSYSTEM_KEY_ALGS, type SubsystemKeyAlg } from './identity/validate-subsystem-jwk.ts';
export { HUB_CHANGED_CHANNEL } from './identity/notify-hub-changed.ts';
export { DEMO_USERS, DEMO_MEMBERS } from './control/users/seed-demo-users.ts';
