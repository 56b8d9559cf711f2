import { makePersonalId, type Gender, type HouseholdId, type IdProvinceCode, type PersonalId } from '@ndxp/core';
import type { PopulationContext } from './context.ts';
import { feistel } from './random/feistel.ts';
import { hashWords } from './random/prng.ts';

/**
 * The population is generated in independent chunks of `HOUSEHOLDS_PER_CHUNK` households, each
 * from its own random stream, so any chunk can be regenerated without the ones before it.
 *
 * Uniqueness of personal IDs without a global table: an ID is unique once its bucket (province,
 * century/gender digit, year digits) and its 6-digit serial are. Within a chunk, each bucket
 * hands out at most `SERIALS_PER_BUCKET_PER_CHUNK` slots, numbered j = 0, 1, …; the serial is a
 * keyed permutation (per bucket) of `chunk × SERIALS_PER_BUCKET_PER_CHUNK + j` over 0…999,999.
 * Different chunks use disjoint slot ranges, so serials never repeat within a bucket. A bucket
 * that fills up in a chunk (a 1-in-10^15 event at these sizes) moves the person's birth
 * registration to the next province code, deterministically.
 */
export const HOUSEHOLDS_PER_CHUNK = 2048;
export const SERIALS_PER_BUCKET_PER_CHUNK = 48;
/** Most person records one household can produce (9 members and 2 deceased spouses, with room). */
export const MAX_RECORDS_PER_HOUSEHOLD = 12;
/** Chunks available before serial slots run out: 20,833 chunks ≈ 42.6 M households ≈ 150 M people. */
export const MAX_CHUNKS = Math.floor(1_000_000 / SERIALS_PER_BUCKET_PER_CHUNK);

const OLD_ID_A = 31_250; // 31,250 × 32,000 = 10^9: all 9-digit numbers
const OLD_ID_B = 32_000;
const RECORDS_PER_CHUNK = HOUSEHOLDS_PER_CHUNK * MAX_RECORDS_PER_HOUSEHOLD;

/** Allocates the identifiers of one chunk. */
export class ChunkIdentifiers {
  private readonly used = new Map<number, number>();
  private records = 0;

  constructor(
    private readonly ctx: PopulationContext,
    readonly chunk: number,
  ) {
    if (!Number.isInteger(chunk) || chunk < 0 || chunk >= MAX_CHUNKS) throw new RangeError(`chunk ${chunk} is outside 0..${MAX_CHUNKS - 1}`);
  }

  /**
   * A personal ID for someone registered in `province`, of `gender`, born in `year`. Returns the
   * ID and the province actually used (different only when the bucket was full).
   */
  personalId(province: IdProvinceCode, gender: Gender, year: number): { id: PersonalId; province: IdProvinceCode } {
    const codes = this.ctx.idProvinceCodes;
    let p = this.ctx.idProvinceIndex.get(province) ?? 0;
    for (let attempt = 0; attempt < codes.length; attempt++, p = (p + 1) % codes.length) {
      const bucket = (p * 2 + (gender === 'female' ? 1 : 0)) * 1000 + (year - 1900);
      const j = this.used.get(bucket) ?? 0;
      if (j >= SERIALS_PER_BUCKET_PER_CHUNK) continue;
      this.used.set(bucket, j + 1);
      const slot = this.chunk * SERIALS_PER_BUCKET_PER_CHUNK + j;
      const serial = feistel(slot, 1000, 1000, hashWords(this.ctx.seedHash, 'serial', bucket));
      const code = codes[p] as IdProvinceCode;
      return { id: makePersonalId({ provinceCode: code, gender, birthYear: year, serial }), province: code };
    }
    throw new Error('no personal-ID serial left in any province for this chunk'); // unreachable at 48 × 63 slots
  }

  /** Index of the next person record within the chunk (drives the old ID number). */
  nextRecord(): number {
    if (this.records >= RECORDS_PER_CHUNK) throw new Error('too many person records in one chunk');
    return this.records++;
  }

  /** Old 9-digit identity card number (CMND), unique across the population. */
  oldIdNumber(record: number): string {
    const x = feistel(this.chunk * RECORDS_PER_CHUNK + record, OLD_ID_A, OLD_ID_B, hashWords(this.ctx.seedHash, 'old-id'));
    return String(x).padStart(9, '0');
  }

  /** Household identifier (10 digits) of the household with global index `h`. */
  householdId(h: number): HouseholdId {
    return String(feistel(h, 100_000, 100_000, hashWords(this.ctx.seedHash, 'household'))).padStart(10, '0') as HouseholdId;
  }

  /** Residence file number (12 digits: 2-digit 2025 province code and 10 digits) of household `h`. */
  residenceFileNumber(h: number, provinceCode: string): string {
    return provinceCode + String(feistel(h, 100_000, 100_000, hashWords(this.ctx.seedHash, 'residence-file'))).padStart(10, '0');
  }
}
