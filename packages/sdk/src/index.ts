/**
 * @ndxp/sdk: what an agency system needs to take part in NDXP.
 * - Providers: {@link hubGuard} / {@link verifyHubAssertion} accept only requests the hub forwarded.
 * - Consumers: {@link createConsumer} gets tokens and calls services in one line.
 * - Keys: {@link generateSubsystemKey}.
 * A library: it imports only @ndxp/core (and may import @ndxp/ledger).
 */
export * from './provider/verify-hub-assertion.ts';
export * from './provider/hub-guard.ts';
export * from './consumer/create-consumer.ts';
export * from './consumer/client-assertion.ts';
export * from './consumer/ndxp-call-error.ts';
export * from './keys/generate-subsystem-key.ts';
