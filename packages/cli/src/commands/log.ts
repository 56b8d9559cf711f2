import type { Command } from 'commander';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  TILE_WIDTH, checkNoteSignatures, decodeBase64, formatKeyId, encodeUtf8, entryBundlePath, noteVerifiers, openCheckpoint, parseCheckpoint, parseNote, parseVerifierKey,
  parseVerifierState, tileLogSource, tilePath, tilesChanged, verifyLog,
  type LogEntryRecord, type LogProblem, type LogProblemCode, type LogSource, type NoteVerifier, type VerifierState, type VerifyLogResult,
} from '@ndxp/ledger';
import { api, loadSession } from '../api-client.ts';

/*
 * `ndxp log …`: audit the hub's transparency log without trusting the hub.
 *
 *   ndxp log verify --hub URL [--state FILE] [--key VERIFIER_KEY]…
 *   ndxp log verify --export DIR [--state FILE] [--key VERIFIER_KEY]…
 *   ndxp log export --hub URL --out DIR
 *   ndxp log rotate-key [--overlap SECONDS]              (operator session)
 *
 * `verify` reads everything over the public `/log/v1` API (or from an exported c2sp.org/tlog-tiles
 * copy) and hands it to @ndxp/ledger's `verifyLog`, which recomputes the whole tree from the
 * entries, checks every checkpoint signature, checks that sizes only grow and that every
 * checkpoint agrees with the entries and with what earlier runs verified, and names the first bad
 * entry or checkpoint. `--state` keeps the last verified checkpoint and the pinned keys between
 * runs, so a rewritten history is caught even when it is re-signed.
 */

/** What `--state FILE` holds between runs (plain JSON). */
export interface LogVerifierFile {
  readonly version: 1;
  readonly origin: string;
  /** Note verifier keys trusted for this log: given with --key, pinned on first use, or learned from co-signed checkpoints during a rotation. */
  readonly keys: readonly string[];
  /** The ledger's verifier state: the last checkpoint fully verified. */
  readonly verifier: VerifierState;
}

/** Where to read the log from. */
export type LogLocation = { readonly hub: string } | { readonly exportDir: string };

export interface VerifyOptions {
  readonly location: LogLocation;
  /** State file to read and update. */
  readonly statePath?: string;
  /** Verifier keys given on the command line (trusted in addition to pinned ones). */
  readonly keys?: readonly string[];
  /** Entries per request (default 1,000). */
  readonly pageSize?: number;
}

/** The outcome of one `verify` run. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly origin: string;
  readonly result: VerifyLogResult;
  /** Keys trusted for this run. */
  readonly trustedKeys: readonly string[];
  /** True when no key was given or pinned before: the served keys were trusted on first use. */
  readonly trustOnFirstUse: boolean;
  /** Keys newly pinned because a checkpoint signed by a trusted key also carried their valid signature (key rotation). */
  readonly learnedKeys: readonly string[];
}

// ---- reading the log ------------------------------------------------------------------------

async function getJson<T>(url: URL): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const text = await res.text();
  if (!res.ok) throw new LogHttpError(res.status, text);
  return JSON.parse(text) as T;
}

/** A non-2xx answer from the hub's log API. */
export class LogHttpError extends Error {
  readonly code: string | undefined;
  constructor(readonly status: number, body: string) {
    let code: string | undefined;
    try {
      code = (JSON.parse(body) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    super(`hub answered ${status}${code === undefined ? '' : ` ${code}`}`);
    this.name = 'LogHttpError';
    this.code = code;
  }
}

interface KeysAnswer {
  readonly origin: string;
  readonly keys: readonly { readonly verifier_key: string }[];
}

/**
 * A {@link LogSource} over a hub's public `/log/v1` API. Nothing it returns is trusted: verifyLog
 * checks all of it against signed checkpoints.
 *
 * @param afterSize - list only checkpoints larger than this (the ones checked by earlier runs are
 *   skipped; the one remembered in the state is still compared).
 */
export function httpLogSource(hub: string, afterSize = -1): LogSource & { latestSize(): number } {
  const base = hub.replace(/\/+$/, '');
  let latest = 0;
  const fetchCheckpoints = async (): Promise<string[]> => {
    const notes: string[] = [];
    let after = afterSize;
    for (;;) {
      const page = await getJson<{ items: { size: number; note: string }[]; next_after_size: number }>(new URL(`${base}/log/v1/checkpoints?after_size=${after}&limit=1000`));
      for (const c of page.items) notes.push(c.note);
      if (page.items.length === 0 || page.next_after_size === after) break;
      after = page.next_after_size;
    }
    // Also the latest as served at /log/v1/checkpoint (it must be one of them, or newer).
    const res = await fetch(`${base}/log/v1/checkpoint`);
    if (res.ok) {
      const note = await res.text();
      if (!notes.includes(note)) notes.push(note);
    }
    for (const note of notes) {
      try {
        latest = Math.max(latest, parseCheckpoint(parseNote(note).text).size);
      } catch {
        // A malformed note is verifyLog's finding to report, not ours.
      }
    }
    return notes;
  };
  // Read once per source: verifyLog and the key learning after it see the same list.
  let fetched: Promise<string[]> | undefined;
  return {
    latestSize: () => latest,
    checkpoints() {
      fetched ??= fetchCheckpoints();
      return fetched;
    },
    async entries(start, end): Promise<LogEntryRecord[]> {
      try {
        const page = await getJson<{ entries: { index: number; entry: string }[] }>(new URL(`${base}/log/v1/entries?start=${start}&end=${end}`));
        return page.entries.map((e) => ({ index: e.index, data: encodeUtf8(e.entry) }));
      } catch (error) {
        // No entry at `start` (the hub's tree is shorter than a checkpoint claims): a gap for verifyLog to report.
        if (error instanceof LogHttpError && error.code === 'LOG_INDEX_OUT_OF_RANGE') return [];
        throw error;
      }
    },
    async leafHashes(start, end) {
      const index = Math.floor(start / TILE_WIDTH);
      const width = Math.min(TILE_WIDTH, latest - index * TILE_WIDTH);
      if (width <= 0) return [];
      const res = await fetch(`${base}/log/v1/${tilePath({ level: 0, index, width })}`);
      if (!res.ok) return [];
      const data = new Uint8Array(await res.arrayBuffer());
      const out: Uint8Array[] = [];
      for (let at = start; at < Math.min(end, index * TILE_WIDTH + data.length / 32); at++) {
        const offset = (at - index * TILE_WIDTH) * 32;
        out.push(data.slice(offset, offset + 32));
      }
      return out;
    },
    async consistencyProof(size1, size2) {
      const p = await getJson<{ proof: string[] }>(new URL(`${base}/log/v1/proof/consistency?from=${size1}&to=${size2}`));
      return p.proof.map((h) => decodeBase64(h));
    },
  };
}

/** The files of an exported log (see {@link exportLog}). */
function exportFiles(dir: string) {
  return {
    async read(path: string): Promise<Uint8Array | undefined> {
      try {
        return new Uint8Array(await readFile(join(dir, ...path.split('/'))));
      } catch {
        return undefined;
      }
    },
  };
}

async function readJsonFile<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Write then rename: a crash never leaves half a state file behind.
  await writeFile(`${path}.tmp`, JSON.stringify(value, null, 2) + '\n');
  await rename(`${path}.tmp`, path);
}

// ---- verify ---------------------------------------------------------------------------------

/** Read a state file written by an earlier run, if any. */
export async function readVerifierFile(path: string): Promise<LogVerifierFile | undefined> {
  const raw = await readJsonFile<Record<string, unknown>>(path);
  if (raw === undefined) return undefined;
  if (raw['version'] !== 1 || typeof raw['origin'] !== 'string' || !Array.isArray(raw['keys'])) throw new Error(`${path} is not a log verifier state file`);
  const keys = (raw['keys'] as unknown[]).map(String);
  keys.forEach((k) => parseVerifierKey(k));
  return { version: 1, origin: raw['origin'], keys, verifier: parseVerifierState(raw['verifier']) };
}

/**
 * Verify a log (see the module comment). Does not print; see {@link formatReport}.
 *
 * Trust: keys given with `--key` and keys pinned in the state file. With neither, the keys the log
 * serves are trusted on first use and pinned (reported, so the operator can compare them with the
 * keys published out of band). A new key is pinned only when the whole log verified and a checkpoint
 * signed by an already trusted key also carries a valid signature by the new key, which is what the
 * hub's rotation overlap provides.
 */
export async function verifyLogCommand(options: VerifyOptions): Promise<VerifyReport> {
  const saved = options.statePath === undefined ? undefined : await readVerifierFile(options.statePath);
  const location = options.location;
  let served: KeysAnswer;
  let source: LogSource;
  if ('hub' in location) {
    served = await getJson<KeysAnswer>(new URL(`${location.hub.replace(/\/+$/, '')}/log/v1/keys`));
    const after = saved?.verifier.checkpoint == null ? -1 : saved.verifier.checkpoint.size - 1;
    source = httpLogSource(location.hub, after);
  } else {
    const keysFile = await readJsonFile<KeysAnswer>(join(location.exportDir, 'keys.json'));
    if (keysFile === undefined) throw new Error(`${location.exportDir} has no keys.json: not an export made by "ndxp log export"`);
    served = keysFile;
    const history = (await readJsonFile<string[]>(join(location.exportDir, 'checkpoints.json'))) ?? [];
    source = tileLogSource(exportFiles(location.exportDir), history);
  }
  const origin = saved?.origin ?? served.origin;
  const given = [...(options.keys ?? []), ...(saved?.keys ?? [])];
  given.forEach((k) => parseVerifierKey(k));
  const trustOnFirstUse = given.length === 0;
  const trusted = [...new Set(trustOnFirstUse ? served.keys.map((k) => k.verifier_key) : given)];
  const verifiers = noteVerifiers(trusted.map(parseVerifierKey));

  const result = await verifyLog({
    source,
    verifiers,
    origin,
    ...(saved === undefined ? {} : { state: saved.verifier }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
  });

  const learned = result.ok ? learnCoSignedKeys(await source.checkpoints(), verifiers, served.keys.map((k) => k.verifier_key), origin) : [];
  if (options.statePath !== undefined) {
    const file: LogVerifierFile = { version: 1, origin, keys: [...trusted, ...learned], verifier: result.state };
    await writeJsonFile(options.statePath, file);
  }
  return { ok: result.ok, origin, result, trustedKeys: trusted, trustOnFirstUse, learnedKeys: learned };
}

/** Served keys that validly co-sign a checkpoint which trusted keys also signed. */
function learnCoSignedKeys(notes: readonly string[], trusted: ReturnType<typeof noteVerifiers>, servedKeys: readonly string[], origin: string): string[] {
  const candidates: NoteVerifier[] = [];
  for (const k of servedKeys) {
    try {
      const v = parseVerifierKey(k);
      if (!trusted.keys.some((t) => t.verifierKey === v.verifierKey)) candidates.push(v);
    } catch {
      // Not a key; nothing to learn from it.
    }
  }
  if (candidates.length === 0) return [];
  const learned = new Set<string>();
  for (const note of notes) {
    try {
      openCheckpoint(note, trusted, { origin });
    } catch {
      continue;
    }
    for (const check of checkNoteSignatures(parseNote(note), noteVerifiers(candidates))) {
      if (check.status === 'verified') {
        const key = candidates.find((c) => `${c.name}+${formatKeyId(c.keyId)}` === check.keyLabel);
        if (key !== undefined) learned.add(key.verifierKey);
      }
    }
  }
  return [...learned];
}

/** Vietnamese first, English after: what each finding means. */
const PROBLEM_TEXT: Readonly<Record<LogProblemCode, string>> = {
  CHECKPOINT_MALFORMED: 'Điểm kiểm tra không đúng định dạng / malformed checkpoint',
  ORIGIN_MISMATCH: 'Điểm kiểm tra của nhật ký khác / checkpoint of another log',
  UNKNOWN_KEY: 'Không có chữ ký của khóa tin cậy nào / signed by no trusted key',
  SIGNATURE_INVALID: 'Chữ ký không hợp lệ / invalid signature',
  SIZE_REGRESSION: 'Nhật ký bị thu nhỏ / the log shrank',
  INCONSISTENT_WITH_PREVIOUS: 'Mâu thuẫn với điểm kiểm tra đã xác minh (rẽ nhánh hoặc viết lại lịch sử) / contradicts a verified checkpoint (fork or rewrite)',
  ENTRY_MISSING: 'Thiếu mục nhật ký / entry missing',
  ENTRY_OUT_OF_ORDER: 'Mục nhật ký sai thứ tự / entries out of order',
  ROOT_MISMATCH: 'Các mục không tái tạo được gốc đã ký / entries do not reproduce a signed root',
};

/** Where a finding points: the entry and the checkpoint concerned. */
function where(p: LogProblem): string {
  const parts: string[] = [];
  if (p.entryIndex !== undefined) parts.push(`mục/entry ${p.entryIndex}${p.location?.kind === undefined ? '' : ` (${p.location.kind}${p.location.otherIndex === undefined ? '' : ` ↔ ${p.location.otherIndex}`})`}`);
  if (p.checkpointSize !== undefined) parts.push(`điểm kiểm tra/checkpoint size ${p.checkpointSize}${p.checkpointPosition === undefined ? '' : ` (#${p.checkpointPosition})`}`);
  if (p.keys !== undefined && p.keys.length > 0) parts.push(`khóa/keys ${p.keys.join(', ')}`);
  return parts.join(' · ');
}

/** The report as lines for a terminal. */
export function formatReport(report: VerifyReport): string[] {
  const r = report.result;
  const lines: string[] = [];
  if (report.trustOnFirstUse) lines.push(`! Tin cậy khóa ở lần dùng đầu / trusting keys on first use: ${report.trustedKeys.join(', ')} (so sánh với khóa công bố chính thức / compare with the published keys)`);
  for (const k of report.learnedKeys) lines.push(`+ Ghim khóa mới (đồng ký bởi khóa tin cậy) / pinned new co-signed key: ${k}`);
  if (report.ok) {
    lines.push(`✓ Nhật ký ${report.origin} hợp lệ / log verified: ${r.entriesChecked} mục/entries, ${r.checkpointsVerified}/${r.checkpointsSeen} điểm kiểm tra/checkpoints, kích thước/size ${r.verifiedSize}`);
    return lines;
  }
  lines.push(`✗ Nhật ký ${report.origin} KHÔNG hợp lệ / log FAILED verification: ${Object.entries(r.problemCounts).map(([c, n]) => `${c}×${n}`).join(', ')}`);
  for (const p of r.problems) {
    const at = where(p);
    lines.push(`  ${p.code}${at === '' ? '' : ` [${at}]`}: ${PROBLEM_TEXT[p.code]}`);
    lines.push(`    ${p.message}`);
  }
  return lines;
}

// ---- export ---------------------------------------------------------------------------------

/** What {@link exportLog} wrote. */
export interface ExportSummary {
  readonly size: number;
  readonly filesWritten: number;
  readonly checkpoints: number;
}

/**
 * Copy a hub's log into `out` as a c2sp.org/tlog-tiles directory: `checkpoint`, hash tiles, entry
 * bundles, plus `checkpoints.json` (every signed checkpoint, oldest first) and `keys.json` (the
 * served keys). Run again to bring a copy up to date: only tiles that are new or wider since the
 * copy's checkpoint are fetched. The copy can be published as static files and is verified with
 * `ndxp log verify --export`.
 */
export async function exportLog(hub: string, out: string): Promise<ExportSummary> {
  const base = hub.replace(/\/+$/, '');
  const source = httpLogSource(base);
  const notes = await source.checkpoints();
  const sizes = notes.map((n) => parseCheckpoint(parseNote(n).text).size);
  const top = sizes.reduce((best, s, i) => (s > (sizes[best] ?? -1) ? i : best), 0);
  const latest = notes[top];
  if (latest === undefined) throw new Error('the hub served no checkpoint');
  const size = sizes[top] as number;
  const previous = await readFile(join(out, 'checkpoint'), 'utf8').then((n) => parseCheckpoint(parseNote(n).text).size, () => 0);
  let files = 0;
  const put = async (path: string, data: Uint8Array): Promise<void> => {
    const file = join(out, ...path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, data);
    files++;
  };
  const fetchBytes = async (path: string): Promise<Uint8Array> => {
    const res = await fetch(`${base}/log/v1/${path}`);
    if (!res.ok) throw new LogHttpError(res.status, await res.text());
    return new Uint8Array(await res.arrayBuffer());
  };
  for (const tile of tilesChanged(Math.min(previous, size), size)) {
    const path = tilePath(tile);
    await put(path, await fetchBytes(path));
    if (tile.level === 0) {
      const bundle = entryBundlePath({ index: tile.index, width: tile.width });
      await put(bundle, await fetchBytes(bundle));
    }
  }
  await writeJsonFile(join(out, 'keys.json'), await getJson<KeysAnswer>(new URL(`${base}/log/v1/keys`)));
  await writeJsonFile(join(out, 'checkpoints.json'), notes.filter((_, i) => i !== top));
  // The checkpoint last: a reader never sees a checkpoint whose tiles are not there yet.
  await put('checkpoint', encodeUtf8(latest));
  return { size, filesWritten: files, checkpoints: notes.length };
}

// ---- commands -------------------------------------------------------------------------------

/** Exit status of `ndxp log verify` when the log itself is wrong (1 is any other failure). */
export const EXIT_LOG_INVALID = 2;

/** `ndxp log verify | export | rotate-key`. */
export function registerLogCommands(program: Command): void {
  const log = program.command('log').description('Nhật ký minh bạch / transparency log: verify, export, rotate the signing key');

  log
    .command('verify')
    .description('Kiểm tra toàn bộ nhật ký mà không cần tin máy chủ / verify the whole log without trusting the hub (exit 2 if it is wrong)')
    .option('--hub <url>', 'hub base URL', process.env['NDXP_HUB_URL'])
    .option('--export <dir>', 'verify a copy made by "ndxp log export" instead of a hub')
    .option('--state <file>', 'keep the last verified checkpoint and the pinned keys here between runs')
    .option('--key <verifier-key>', 'trusted note verifier key <name>+<hex id>+<base64> (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--json', 'print the full result as JSON')
    .action(async (o: { hub?: string; export?: string; state?: string; key: string[]; json?: boolean }) => {
      if ((o.hub === undefined) === (o.export === undefined)) throw new Error('give exactly one of --hub <url> and --export <dir>');
      const location: LogLocation = o.export !== undefined ? { exportDir: o.export } : { hub: o.hub as string };
      const report = await verifyLogCommand({ location, keys: o.key, ...(o.state === undefined ? {} : { statePath: o.state }) });
      if (o.json === true) console.log(JSON.stringify({ ...report.result, origin: report.origin, trusted_keys: report.trustedKeys, learned_keys: report.learnedKeys, trust_on_first_use: report.trustOnFirstUse }, null, 2));
      else for (const line of formatReport(report)) console.log(line);
      if (!report.ok) process.exitCode = EXIT_LOG_INVALID;
    });

  log
    .command('export')
    .description('Sao chép nhật ký thành tệp tĩnh tlog-tiles / copy the log as c2sp.org/tlog-tiles static files')
    .requiredOption('--hub <url>', 'hub base URL')
    .requiredOption('--out <dir>', 'directory to write (updated incrementally if it exists)')
    .action(async (o: { hub: string; out: string }) => {
      const s = await exportLog(o.hub, o.out);
      console.log(`Đã xuất / exported: kích thước/size ${s.size}, ${s.checkpoints} điểm kiểm tra/checkpoints, ${s.filesWritten} tệp/files → ${o.out}`);
    });

  log
    .command('rotate-key')
    .description('Đổi khóa ký nhật ký (quản trị vận hành) / rotate the log signing key (operator)')
    .option('--overlap <seconds>', 'how long the old key keeps co-signing (default: the hub setting)')
    .action(async (o: { overlap?: string }) => {
      const session = await loadSession();
      const body = o.overlap === undefined ? {} : { overlap_seconds: Number(o.overlap) };
      console.log(JSON.stringify(await api(session, 'POST', '/api/v1/log/keys/rotate', body), null, 2));
    });
}
