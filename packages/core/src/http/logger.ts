import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * Paths redacted from every log line. Secrets never appear in logs (non-negotiable 4): bearer
 * tokens, client assertions, passwords, private keys and cookies.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ndxp-hub-assertion"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.client_assertion',
  '*.access_token',
  '*.private_key',
  '*.privateKey',
  '*.d',
  'headers.authorization',
];

/** Create the structured logger of a service. `destination` lets tests capture output. */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options = { name: service, level, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
