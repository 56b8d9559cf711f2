import { createHash } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { NdxpError, parseConfig, type InsecureSetting } from '@ndxp/core';

/**
 * Every setting of the hub, read once at start from the environment (habit from opencrvs-core
 * `packages/auth/src/environment.ts`: validate configuration at start, fail fast). Each default
 * documents itself here; the insecure ones are listed by {@link insecureSettings} and printed
 * loudly at start (habit from oidc-provider `lib/helpers/defaults.js`).
 */
export const hubEnvSchema = Type.Object({
  /** Public base URL of the hub: `iss` of every token it signs (RFC 9068 §2.2, RFC 8414 §2). */
  NDXP_HUB_ISSUER: Type.String({ pattern: '^https?://[^/?#\\s]+(/[^?#\\s]*)?$', default: 'http://127.0.0.1:8080' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** `postgres://…`; absent: embedded PGlite in `NDXP_DATA_DIR`. */
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** PGlite data directory; absent (and no DATABASE_URL): `.ndxp/hub`. */
  NDXP_DATA_DIR: Type.String({ minLength: 1, default: '.ndxp/hub' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  /**
   * Key-encryption key for the hub's private signing keys: base64 of 32 random bytes. Checked by
   * `decodeKey` rather than a schema pattern, so a wrong value is never echoed in the error.
   */
  NDXP_HUB_KEK: Type.Optional(Type.String({ minLength: 1 })),
  /** HMAC key for the keyed hash of data subjects' personal IDs in the audit log: base64, 32-64 bytes. */
  NDXP_AUDIT_SUBJECT_KEY: Type.Optional(Type.String({ minLength: 1 })),
  /** Lifetime of access tokens issued by `POST /oauth/token`, seconds (short-lived: RFC 9068 §5). */
  NDXP_HUB_TOKEN_TTL_S: Type.Integer({ minimum: 30, maximum: 3600, default: 300 }),
  /** Lifetime of control-plane session tokens, seconds. */
  NDXP_HUB_SESSION_TTL_S: Type.Integer({ minimum: 60, maximum: 86_400, default: 3600 }),
  /** Tolerated clock difference for `iat`/`nbf`/`exp` of client assertions, seconds. */
  NDXP_HUB_CLOCK_SKEW_S: Type.Integer({ minimum: 0, maximum: 300, default: 60 }),
  /**
   * scrypt cost as log2(N) for control-plane passwords. 15 (N = 32768, r = 8, p = 1: 32 MiB per
   * hash) follows the OWASP Password Storage Cheat Sheet minimum; lower values exist for tests only
   * and are reported as insecure.
   */
  NDXP_HUB_SCRYPT_LOG_N: Type.Integer({ minimum: 4, maximum: 20, default: 15 }),
  /** Failed logins per username before a lockout (with exponential backoff). */
  NDXP_HUB_LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** Demo users with well-known passwords. Never in production. */
  NDXP_DEMO: Type.Boolean({ default: false }),
  /** Largest accepted control-plane request body, bytes (OpenAPI documents can be large). */
  NDXP_HUB_CONTROL_BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 16 * 1024 * 1024, default: 2 * 1024 * 1024 }),
  LOG_LEVEL: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')], { default: 'info' }),
  /** Trust `x-forwarded-*` from a reverse proxy in front of the hub. */
  NDXP_HUB_TRUST_PROXY: Type.Boolean({ default: false }),
  /** Built operator console (apps/web/dist) to serve at `/`; absent: the hub serves its APIs only. */
  NDXP_WEB_DIST: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Old HMAC keys for subject hashes, comma-separated base64 (32-64 bytes each). After a rotation of
   * NDXP_AUDIT_SUBJECT_KEY, list the previous keys here so subject queries still find the entries
   * hashed under them (each entry records the id of its key).
   */
  NDXP_AUDIT_SUBJECT_RETIRED_KEYS: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Integrate audit entries into the transparency log's Merkle tree and publish signed checkpoints.
   * `false` keeps entries durable in the audit log but builds no tree (benchmark switch; a verifier
   * then sees the log stop growing).
   */
  NDXP_LOG_INTEGRATION: Type.Boolean({ default: true }),
  /**
   * Checkpoint origin line and note key name (c2sp.org/tlog-checkpoint), e.g. `ndxp.gov.vn/log`.
   * Default: the issuer without its scheme, plus `/log`. Fixed at the first start.
   */
  NDXP_LOG_ORIGIN: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /**
   * Integration cadence, ms: entries are integrated and a checkpoint is signed this often while the
   * log grows. Half the one-second publication promise, so a round delayed by a busy machine still
   * publishes within the second (measured in bench/ledger.md).
   */
  NDXP_LOG_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 500 }),
  /**
   * Entries per partition of the audit log and the leaf hashes (0005_log_partitions.sql; default
   * 2^24). Applies to partitions made from now on; existing ones keep their bounds.
   */
  NDXP_LOG_PARTITION_SIZE: Type.Integer({ minimum: 1024, maximum: 2 ** 31, default: 2 ** 24 }),
  /** After a log key rotation, how long the old key keeps co-signing checkpoints, seconds (default 7 days). */
  NDXP_LOG_KEY_OVERLAP_S: Type.Integer({ minimum: 0, maximum: 365 * 86_400, default: 7 * 86_400 }),
});

export type HubEnv = Static<typeof hubEnvSchema>;

/** The hub's configuration, parsed and typed. Secrets are decoded to bytes. */
export interface HubConfig {
  /** Public base URL without a trailing slash, e.g. `http://127.0.0.1:8080`. */
  readonly issuer: string;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly databasePoolSize: number;
  /** 32-byte key-encryption key for hub private keys. */
  readonly kek: Buffer;
  /** HMAC key for subject hashes in the audit log. */
  readonly auditSubjectKey: Buffer;
  /** Earlier subject HMAC keys, still used to find old entries (never to hash new ones). */
  readonly auditSubjectRetiredKeys: readonly Buffer[];
  /** Whether this process integrates entries into the transparency log and signs checkpoints. */
  readonly logIntegration: boolean;
  /** The transparency log's origin (checkpoint first line, note key name). */
  readonly logOrigin: string;
  /** Integration and checkpoint cadence, ms. */
  readonly logIntervalMs: number;
  /** Co-signing overlap after a log key rotation, seconds. */
  readonly logKeyOverlapSeconds: number;
  /** Entries per partition of the audit log and the leaf hashes. */
  readonly logPartitionSize: number;
  readonly tokenTtlSeconds: number;
  readonly sessionTtlSeconds: number;
  readonly clockSkewSeconds: number;
  readonly scryptLogN: number;
  readonly loginMaxFailures: number;
  readonly demo: boolean;
  readonly controlBodyLimit: number;
  readonly logLevel: HubEnv['LOG_LEVEL'];
  readonly trustProxy: boolean;
  /** Directory of the built web console, if the hub serves it. */
  readonly webDistDir: string | undefined;
  /** Settings acceptable for a demo but not for production; printed by `warnInsecure` at start. */
  readonly insecure: readonly InsecureSetting[];
}

/** Minimum scrypt log2(N) that is not reported as insecure (OWASP: N ≥ 2^15 with r = 8, p = 1). */
export const SCRYPT_LOG_N_MIN_SECURE = 15;

/**
 * Development keys: derived from public strings, so anyone can compute them. They exist so the
 * demo starts with one command; using them is reported loudly at every start.
 */
const devKey = (label: string): Buffer => createHash('sha256').update(`ndxp-insecure-development-key:${label}`).digest();

function decodeKey(name: string, value: string, minBytes: number, maxBytes: number): Buffer {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) throw new NdxpError('CONFIG_INVALID', { detail: `Invalid configuration: ${name} must be base64` });
  const bytes = Buffer.from(value.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (bytes.length < minBytes || bytes.length > maxBytes) {
    throw new NdxpError('CONFIG_INVALID', { detail: `Invalid configuration: ${name} must be base64 of ${minBytes === maxBytes ? minBytes : `${minBytes}-${maxBytes}`} bytes` });
  }
  return bytes;
}

/**
 * Parse the hub's configuration from environment variables (strings). Throws `CONFIG_INVALID`
 * naming each offending variable (secret values are never echoed).
 */
export function loadHubConfig(source: Readonly<Record<string, string | undefined>>): HubConfig {
  const env = parseConfig(hubEnvSchema, source);
  const insecure: InsecureSetting[] = [];
  let kek: Buffer;
  if (env.NDXP_HUB_KEK === undefined) {
    kek = devKey('kek');
    insecure.push({ setting: 'NDXP_HUB_KEK', why: 'not set: hub private keys are encrypted with a publicly known development key / khóa mã hóa khóa ký là khóa phát triển công khai' });
  } else {
    kek = decodeKey('NDXP_HUB_KEK', env.NDXP_HUB_KEK, 32, 32);
  }
  let auditSubjectKey: Buffer;
  if (env.NDXP_AUDIT_SUBJECT_KEY === undefined) {
    auditSubjectKey = devKey('audit-subject');
    insecure.push({ setting: 'NDXP_AUDIT_SUBJECT_KEY', why: 'not set: personal-ID hashes in the audit log use a publicly known key and can be reversed by brute force / khóa băm số định danh là khóa công khai' });
  } else {
    auditSubjectKey = decodeKey('NDXP_AUDIT_SUBJECT_KEY', env.NDXP_AUDIT_SUBJECT_KEY, 32, 64);
  }
  const auditSubjectRetiredKeys = (env.NDXP_AUDIT_SUBJECT_RETIRED_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '').map((k) => decodeKey('NDXP_AUDIT_SUBJECT_RETIRED_KEYS', k, 32, 64));
  if (env.NDXP_DEMO) {
    insecure.push({ setting: 'NDXP_DEMO', why: 'on: demo users with well-known passwords exist / có tài khoản demo với mật khẩu công khai' });
  }
  if (env.NDXP_HUB_SCRYPT_LOG_N < SCRYPT_LOG_N_MIN_SECURE) {
    insecure.push({ setting: 'NDXP_HUB_SCRYPT_LOG_N', why: `${env.NDXP_HUB_SCRYPT_LOG_N} is below ${SCRYPT_LOG_N_MIN_SECURE}: password hashes are cheap to brute-force (tests only)` });
  }
  const issuer = env.NDXP_HUB_ISSUER.replace(/\/+$/, '');
  const logOrigin = env.NDXP_LOG_ORIGIN ?? `${issuer.replace(/^https?:\/\//, '')}/log`;
  // The origin is also the note key name (c2sp.org/signed-note): no spaces, no '+', no controls.
  // eslint-disable-next-line no-control-regex
  if (!/^[^\s+\u0000-\u001f\u007f]+$/u.test(logOrigin)) {
    throw new NdxpError('CONFIG_INVALID', { detail: 'Invalid configuration: NDXP_LOG_ORIGIN must not contain spaces, "+" or control characters' });
  }
  if (issuer.startsWith('http://') && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(issuer)) {
    insecure.push({ setting: 'NDXP_HUB_ISSUER', why: 'plain http on a non-loopback address: tokens travel unencrypted' });
  }
  return {
    issuer,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.NDXP_DATA_DIR,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    kek,
    auditSubjectKey,
    auditSubjectRetiredKeys,
    logIntegration: env.NDXP_LOG_INTEGRATION,
    logOrigin,
    logIntervalMs: env.NDXP_LOG_INTERVAL_MS,
    logKeyOverlapSeconds: env.NDXP_LOG_KEY_OVERLAP_S,
    logPartitionSize: env.NDXP_LOG_PARTITION_SIZE,
    tokenTtlSeconds: env.NDXP_HUB_TOKEN_TTL_S,
    sessionTtlSeconds: env.NDXP_HUB_SESSION_TTL_S,
    clockSkewSeconds: env.NDXP_HUB_CLOCK_SKEW_S,
    scryptLogN: env.NDXP_HUB_SCRYPT_LOG_N,
    loginMaxFailures: env.NDXP_HUB_LOGIN_MAX_FAILURES,
    demo: env.NDXP_DEMO,
    controlBodyLimit: env.NDXP_HUB_CONTROL_BODY_LIMIT,
    logLevel: env.LOG_LEVEL,
    webDistDir: env.NDXP_WEB_DIST,
    trustProxy: env.NDXP_HUB_TRUST_PROXY,
    insecure,
  };
}

/** The settings of `config` that must not be used in production. */
export function insecureSettings(config: HubConfig): readonly InsecureSetting[] {
  return config.insecure;
}
