import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Control-plane passwords are stored as scrypt hashes (RFC 7914), a memory-hard function: with
 * N = 2^15, r = 8, p = 1 each guess costs 32 MiB of memory (the OWASP Password Storage Cheat Sheet
 * minimum for scrypt). Each hash has its own 16-byte random salt and is encoded in the PHC string
 * format (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, base64 without padding), so the parameters travel
 * with the hash and can be raised later without breaking stored passwords.
 */
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const R = 8;
const P = 1;
/** Upper bound on parameters read back from a stored hash, so a tampered row cannot exhaust memory. */
const MAX_LOG_N = 20;

function scryptAsync(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 256 * r * 2 ** logN + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const b64 = (b: Buffer): string => b.toString('base64').replace(/=+$/, '');

/** Hash a password with a fresh salt. `logN` is log2 of the scrypt cost N (15 in production). */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password, salt, logN, R, P);
  return `$scrypt$ln=${logN},r=${R},p=${P}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{32,})$/;

/**
 * Check a password against a stored PHC string in constant time (for a given hash length). Returns
 * false, never throws, for a malformed stored hash.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = PHC.exec(encoded);
  if (m === null) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < 1 || logN > MAX_LOG_N || r < 1 || r > 16 || p < 1 || p > 4) return false;
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const actual = await scryptAsync(password, salt, logN, r, p);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, checked when the username does not exist, so a failed login costs
 * the same time whether or not the user exists (no username enumeration by timing).
 */
export async function decoyPasswordHash(logN: number): Promise<string> {
  return hashPassword(randomBytes(16).toString('hex'), logN);
}
