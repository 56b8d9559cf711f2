import { LedgerError } from '../ledger-error.ts';
import { entryBundlePath, tilePath } from './tile-path.ts';
import { TILE_WIDTH, type EntryBundle, type Tile } from './tile.ts';

/** What a tile path names. */
export type ParsedTilePath = ({ readonly kind: 'tile' } & Tile) | ({ readonly kind: 'entries' } & EntryBundle);

/**
 * Parse a c2sp.org/tlog-tiles resource path (`tile/<L>/<N>[.p/<W>]` or
 * `tile/entries/<N>[.p/<W>]`, without the log prefix). Only the canonical spelling is accepted:
 * no leading zeroes in L or W, `x` on every index group but the last, no superfluous `x000`
 * groups, W between 1 and 255, so one resource has exactly one path (a cache never holds two
 * copies and an attacker cannot smuggle a second name past path-based checks).
 *
 * @throws LedgerError `TILE_PATH_INVALID`.
 */
export function parseTilePath(path: string): ParsedTilePath {
  const fail = (): never => {
    throw new LedgerError('TILE_PATH_INVALID', `not a tlog-tiles path: ${JSON.stringify(path.slice(0, 100))}`);
  };
  const match = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (match === null) return fail();
  const [, levelText, indexText, widthText] = match as unknown as [string, string, string, string | undefined];
  const index = Number(indexText.replaceAll('x', '').replaceAll('/', ''));
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  // A partial tile is narrower than a full one; `.p/256` would be a second name for the full tile.
  if (!Number.isSafeInteger(index) || (widthText !== undefined && width >= TILE_WIDTH)) return fail();
  let parsed: ParsedTilePath;
  if (levelText === 'entries') {
    parsed = { kind: 'entries', index, width };
    if (entryBundlePath(parsed) !== path) return fail();
  } else {
    const level = Number(levelText);
    if (level > 63) return fail();
    parsed = { kind: 'tile', level, index, width };
    if (tilePath(parsed) !== path) return fail();
  }
  return parsed;
}
