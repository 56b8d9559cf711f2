import { LedgerError } from '../ledger-error.ts';
import { formatKeyId } from './note-key-id.ts';
import type { NoteVerifier } from './note-types.ts';

/**
 * The set of keys a verifier trusts, looked up by (name, key ID) as c2sp.org/signed-note requires.
 * Key rotation is simply several keys in the set: during a rotation the log signs with both the old
 * and the new key, and verifiers holding either accept its checkpoints.
 */
export interface NoteVerifiers {
  /** Every key in the set. */
  readonly keys: readonly NoteVerifier[];
  /**
   * The key with this name and ID, or `undefined` if unknown.
   *
   * @throws LedgerError `NOTE_AMBIGUOUS_KEY` if two different keys share the name and ID (only
   *   possible by a deliberate collision; golang.org/x/mod/sumdb/note diagnoses it the same way).
   */
  find(name: string, keyId: number): NoteVerifier | undefined;
}

/** Build a {@link NoteVerifiers} set. The same key listed twice counts once. */
export function noteVerifiers(keys: readonly NoteVerifier[]): NoteVerifiers {
  const byId = new Map<string, NoteVerifier[]>();
  for (const key of keys) {
    const id = `${key.name}+${formatKeyId(key.keyId)}`;
    const list = byId.get(id) ?? [];
    if (!list.some((k) => k.verifierKey === key.verifierKey)) list.push(key);
    byId.set(id, list);
  }
  return {
    keys: [...byId.values()].flat(),
    find(name: string, keyId: number): NoteVerifier | undefined {
      const list = byId.get(`${name}+${formatKeyId(keyId)}`);
      if (list === undefined) return undefined;
      if (list.length > 1) throw new LedgerError('NOTE_AMBIGUOUS_KEY', `ambiguous key ${name}+${formatKeyId(keyId)}`);
      return list[0];
    },
  };
}
