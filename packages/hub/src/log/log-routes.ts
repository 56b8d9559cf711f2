import { NdxpError, type HttpServer } from '@ndxp/core';
import { encodeBase64 } from '@ndxp/ledger';
import { getConsistencyProof } from './get-consistency-proof.ts';
import { getInclusionProof } from './get-inclusion-proof.ts';
import { latestCheckpoint, listCheckpoints } from './list-checkpoints.ts';
import { listLogKeys } from './list-log-keys.ts';
import {
  CheckpointsQuery, CheckpointsResponse, ConsistencyQuery, ConsistencyResponse, EntriesQuery, EntriesResponse, InclusionQuery, InclusionResponse,
  KeysResponse, MAX_ENTRIES_PAGE,
} from './log-schemas.ts';
import { parseLeafHash } from './parse-leaf-hash.ts';
import { readLogEntries } from './read-log-entries.ts';
import { readTileResource } from './read-tile-resource.ts';
import type { TransparencyLog } from './start-transparency-log.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const b64 = (hashes: readonly Uint8Array[]): string[] => hashes.map(encodeBase64);

/**
 * The public transparency-log API under `/log/v1`. No authentication: anyone must be able to check
 * the log without trusting the operator, so everything here is either signed (checkpoints) or
 * checkable against a signed checkpoint (entries, proofs, tiles). Responses may be read from any
 * origin (CORS) so an independent verifier page can use them.
 */
export async function registerLogRoutes(app: HttpServer, log: TransparencyLog): Promise<void> {
  const db = log.ctx.db;
  await app.register(async (scope) => {
    const api = scope as unknown as HttpServer;
    api.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('access-control-allow-origin', '*');
      void reply.header('cross-origin-resource-policy', 'cross-origin');
      return payload;
    });

    api.get('/log/v1/checkpoint', {
      schema: { tags: ['log'], summary: 'Latest signed checkpoint (text/plain signed note, c2sp.org/tlog-checkpoint)' },
    }, async (_request, reply) => {
      const latest = await latestCheckpoint(db);
      return reply.type('text/plain; charset=utf-8').send(latest.note);
    });

    api.get('/log/v1/checkpoints', {
      schema: { tags: ['log'], summary: 'Every published checkpoint, oldest first', querystring: CheckpointsQuery, response: { 200: CheckpointsResponse } },
    }, async (request) => {
      const items = await listCheckpoints(db, request.query.after_size, request.query.limit);
      return {
        items: items.map((c) => ({ size: c.size, root_hash: encodeBase64(c.root), key_ids: [...c.keyIds], published_at: iso(c.publishedAtMs), note: c.note })),
        next_after_size: items.at(-1)?.size ?? request.query.after_size,
      };
    });

    api.get('/log/v1/keys', {
      schema: { tags: ['log'], summary: 'The log\'s public note verifier keys, current and retired', response: { 200: KeysResponse } },
    }, async () => ({
      origin: log.origin,
      keys: (await listLogKeys(db, log.ctx.clock.now())).map((k) => ({
        key_id: k.keyId, verifier_key: k.verifierKey, created_at: iso(k.createdAtMs), signs_until: k.signsUntilMs === null ? null : iso(k.signsUntilMs), status: k.status,
      })),
    }));

    api.get('/log/v1/proof/inclusion', {
      schema: { tags: ['log'], summary: 'Inclusion proof of an entry, by leaf index or by leaf hash (RFC 9162 §2.1.3)', querystring: InclusionQuery, response: { 200: InclusionResponse } },
    }, async (request) => {
      const { index, leaf_hash: leafHash, size } = request.query;
      if ((index === undefined) === (leafHash === undefined)) throw new NdxpError('VALIDATION_FAILED', { detail: 'give exactly one of index and leaf_hash' });
      const target = index !== undefined ? { index } : { leafHash: parseLeafHash(leafHash as string) };
      const p = await getInclusionProof(db, target, size, log.tiles);
      return { index: p.index, tree_size: p.treeSize, leaf_hash: encodeBase64(p.leafHash), proof: b64(p.proof), checkpoint: p.checkpoint };
    });

    api.get('/log/v1/proof/consistency', {
      schema: { tags: ['log'], summary: 'Consistency proof between two tree sizes (RFC 9162 §2.1.4)', querystring: ConsistencyQuery, response: { 200: ConsistencyResponse } },
    }, async (request) => {
      const p = await getConsistencyProof(db, request.query.from, request.query.to, log.tiles);
      return { from: p.from, to: p.to, proof: b64(p.proof), checkpoint: p.checkpoint };
    });

    api.get('/log/v1/entries', {
      schema: { tags: ['log'], summary: `Entries [start, end) as canonical text, at most ${MAX_ENTRIES_PAGE} per page`, querystring: EntriesQuery, response: { 200: EntriesResponse } },
    }, async (request) => {
      const { start, end } = request.query;
      const page = await readLogEntries(db, start, Math.min(end, start + MAX_ENTRIES_PAGE));
      return { tree_size: page.treeSize, entries: page.entries };
    });

    // c2sp.org/tlog-tiles: /log/v1/tile/<L>/<N>[.p/<W>] and /log/v1/tile/entries/<N>[.p/<W>].
    api.get('/log/v1/tile/*', {
      schema: { tags: ['log'], summary: 'c2sp.org/tlog-tiles hash tiles and entry bundles' },
    }, async (request, reply) => {
      const rest = (request.params as { '*': string })['*'];
      const tile = await readTileResource(db, `tile/${rest}`, log.tiles);
      void reply.header('cache-control', tile.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.type('application/octet-stream').send(Buffer.from(tile.data.buffer, tile.data.byteOffset, tile.data.byteLength));
    });
  });
}
