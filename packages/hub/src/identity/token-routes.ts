import { Type } from 'typebox';
import { NdxpError, problemErrorHandler, toNdxpError, type ErrorCode, type HttpServer } from '@ndxp/core';
import type { HubContext } from '../app/hub-context.ts';
import { issueAccessToken } from './issue-access-token.ts';
import { parseFormBody } from './parse-form-body.ts';
import { purgeExpiredJtis, recordAssertionJti } from './record-assertion-jti.ts';
import { SUBSYSTEM_KEY_ALGS } from './validate-subsystem-jwk.ts';
import { verifyClientAssertion } from './verify-client-assertion.ts';

/** RFC 7523 §2.2: the only client authentication the hub accepts. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** How often (at most) expired jti records are purged, ms. */
const PURGE_INTERVAL_MS = 60_000;

/** OAuth error codes (RFC 6749 §5.2) added to problem documents so OAuth clients understand them. */
const OAUTH_ERROR: Partial<Record<ErrorCode, string>> = {
  CLIENT_UNKNOWN: 'invalid_client',
  CLIENT_ASSERTION_INVALID: 'invalid_client',
  CLIENT_ASSERTION_REPLAYED: 'invalid_client',
  GRANT_TYPE_UNSUPPORTED: 'unsupported_grant_type',
  VALIDATION_FAILED: 'invalid_request',
  MALFORMED_JSON: 'invalid_request',
  UNSUPPORTED_MEDIA_TYPE: 'invalid_request',
  BODY_TOO_LARGE: 'invalid_request',
};

const TokenRequest = Type.Object({
  grant_type: Type.Optional(Type.String({ maxLength: 128 })),
  client_assertion_type: Type.Optional(Type.String({ maxLength: 256 })),
  client_assertion: Type.Optional(Type.String({ maxLength: 8192 })),
  client_id: Type.Optional(Type.String({ maxLength: 256 })),
  scope: Type.Optional(Type.String({ maxLength: 1024 })),
}, { additionalProperties: Type.String({ maxLength: 1024 }), description: 'RFC 6749 §4.4.2 token request with RFC 7523 §2.2 client authentication (form-encoded).' });

const TokenResponse = Type.Object({
  access_token: Type.String({ description: 'RFC 9068 JWT access token for the data plane' }),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});

const Jwks = Type.Object({ keys: Type.Array(Type.Object({ kid: Type.String(), kty: Type.String(), alg: Type.String(), use: Type.String() }, { additionalProperties: true })) });

const AuthServerMetadata = Type.Object({
  issuer: Type.String(),
  token_endpoint: Type.String(),
  jwks_uri: Type.String(),
  grant_types_supported: Type.Array(Type.String()),
  token_endpoint_auth_methods_supported: Type.Array(Type.String()),
  token_endpoint_auth_signing_alg_values_supported: Type.Array(Type.String()),
  response_types_supported: Type.Array(Type.String()),
});

const bad = (code: ErrorCode, detail: string): NdxpError => new NdxpError(code, { detail, extensions: { error: OAUTH_ERROR[code] } });

/**
 * The hub's OAuth authorisation server: `POST /oauth/token` (client_credentials with
 * private_key_jwt, RFC 6749 §4.4 and RFC 7523), its metadata (RFC 8414) and the JWKS of the keys
 * that sign the tokens. There are no client secrets: a subsystem proves itself with a JWT signed by
 * a key it registered.
 */
export async function registerTokenRoutes(app: HttpServer, ctx: HubContext): Promise<void> {
  const { config, clock, db, keyring } = ctx;
  let lastPurgeMs = 0;

  app.get('/.well-known/jwks.json', {
    schema: { tags: ['identity'], summary: 'Public keys that sign hub tokens and assertions (RFC 7517)', response: { 200: Jwks } },
  }, async (_req, reply) => {
    // Short caching: after a rotation, verifiers that see an unknown kid refetch anyway.
    void reply.header('cache-control', 'public, max-age=60');
    return keyring.publicJwks();
  });

  app.get('/.well-known/oauth-authorization-server', {
    schema: { tags: ['identity'], summary: 'OAuth 2.0 authorisation server metadata (RFC 8414)', response: { 200: AuthServerMetadata } },
  }, async (_req, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
    return {
      issuer: config.issuer,
      token_endpoint: `${config.issuer}/oauth/token`,
      jwks_uri: `${config.issuer}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: [...SUBSYSTEM_KEY_ALGS],
      // No authorisation endpoint: machine-to-machine only.
      response_types_supported: [],
    };
  });

  await app.register(async (scope) => {
    const token = scope as unknown as HttpServer;
    // Form encoding only (RFC 6749 §4.4.2); JSON and everything else is refused with 415.
    token.removeAllContentTypeParsers();
    token.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      try {
        done(null, parseFormBody(String(body)));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    // Every problem from the token endpoint also carries the OAuth `error` member.
    token.setErrorHandler((error, request, reply) => {
      const e = toNdxpError(error);
      const oauth = OAUTH_ERROR[e.code];
      const withOauth = oauth === undefined || e.extensions?.['error'] !== undefined
        ? e
        : new NdxpError(e.code, { detail: e.detail, errors: e.errors, extensions: { ...e.extensions, error: oauth }, cause: e.cause });
      return problemErrorHandler(withOauth, request, reply);
    });

    token.post('/oauth/token', {
      schema: { tags: ['identity'], summary: 'Issue an access token (client_credentials + private_key_jwt)', consumes: ['application/x-www-form-urlencoded'], body: TokenRequest, response: { 200: TokenResponse } },
    }, async (request, reply) => {
      const body = request.body;
      if (body.grant_type === undefined) throw bad('VALIDATION_FAILED', 'grant_type is required');
      if (body.grant_type !== 'client_credentials') throw bad('GRANT_TYPE_UNSUPPORTED', 'only grant_type=client_credentials is supported');
      if (body.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE || body.client_assertion === undefined) {
        throw bad('CLIENT_ASSERTION_INVALID', `client authentication must be private_key_jwt: client_assertion_type=${JWT_BEARER_ASSERTION_TYPE} and a client_assertion`);
      }
      const now = clock.now();
      const verified = await verifyClientAssertion(db, body.client_assertion, { issuer: config.issuer, clock, clockSkewSeconds: config.clockSkewSeconds });
      if (body.client_id !== undefined && body.client_id !== verified.clientId) throw bad('CLIENT_ASSERTION_INVALID', 'client_id does not match the assertion subject');
      if (now - lastPurgeMs > PURGE_INTERVAL_MS) {
        lastPurgeMs = now;
        await purgeExpiredJtis(db, now);
      }
      await recordAssertionJti(db, verified.clientId, verified.jti, (verified.exp + config.clockSkewSeconds) * 1000, now);
      const issued = await issueAccessToken(keyring, config.issuer, verified.clientId, now, config.tokenTtlSeconds);
      request.log.info({ client_id: verified.clientId, kid: verified.kid, token_jti: issued.jti }, 'access token issued');
      void reply.header('pragma', 'no-cache');
      return { access_token: issued.accessToken, token_type: 'Bearer' as const, expires_in: issued.expiresIn };
    });
  });
}
