import { NPDB_CITIZEN_FIELDS } from './fields/citizen-fields.ts';

/** Where the data subject's personal ID sits in a request (the hub hashes it into the audit log). */
export type SubjectLocator = { readonly in: 'path'; readonly name: string } | { readonly in: 'body'; readonly pointer: string };

/** One NPDB service as the hub catalogue registers it (`member/subsystem/code/version`). */
export interface NpdbServiceDescriptor {
  readonly code: string;
  readonly version: string;
  readonly method: 'GET' | 'POST';
  /** Path on the NPDB, an OpenAPI path template. */
  readonly path: string;
  readonly title: { readonly vi: string; readonly en: string };
  /** Response fields as JSON pointers; grants choose among them. */
  readonly fields: readonly string[];
  /**
   * Data Law 2024 classification. Population data is `shared` (dữ liệu dùng chung): the national
   * database exists to be shared among state agencies, under a grant.
   */
  readonly dataClass: 'open' | 'shared' | 'private';
  /** `null` when a request names no single citizen (household, change feed, batches). */
  readonly subject: SubjectLocator | null;
  readonly legalBases: readonly string[];
}

const LAW = 'Luật Căn cước số 26/2023/QH15';
const DECREE_47 = 'Nghị định 47/2020/NĐ-CP';
const RESIDENCE = 'Luật Cư trú số 68/2020/QH14';

/** Every NPDB service, for the hub catalogue (OpenAPI: `npdbOpenApiDocument`). */
export function npdbServiceDescriptors(): readonly NpdbServiceDescriptor[] {
  return [
    {
      code: 'citizen-verify', version: 'v1', method: 'POST', path: '/v1/citizens/verify',
      title: { vi: 'Xác thực thông tin công dân', en: 'Verify a citizen\'s identity' },
      fields: ['/match', '/fields', '/deceased'], dataClass: 'shared',
      subject: { in: 'body', pointer: '/personal_id' }, legalBases: [LAW, DECREE_47],
    },
    {
      code: 'citizen-verify-batch', version: 'v1', method: 'POST', path: '/v1/citizens/verify-batch',
      title: { vi: 'Xác thực thông tin công dân hàng loạt', en: 'Verify citizens in a batch' },
      fields: ['/results'], dataClass: 'shared',
      // Many subjects per request; the hub's locator names one.
      subject: null, legalBases: [LAW, DECREE_47],
    },
    {
      code: 'citizen-lookup', version: 'v1', method: 'GET', path: '/v1/citizens/{personal_id}',
      title: { vi: 'Tra cứu thông tin công dân', en: 'Look up a citizen' },
      fields: NPDB_CITIZEN_FIELDS, dataClass: 'shared',
      subject: { in: 'path', name: 'personal_id' }, legalBases: [LAW, DECREE_47],
    },
    {
      code: 'household', version: 'v1', method: 'GET', path: '/v1/households/{household_id}',
      title: { vi: 'Thông tin hộ gia đình', en: 'Household and members' },
      fields: ['/household_id', '/residence_file_number', '/registered_on', '/address', '/head', '/members'], dataClass: 'shared',
      subject: null, legalBases: [LAW, RESIDENCE, DECREE_47],
    },
    {
      code: 'change-feed', version: 'v1', method: 'GET', path: '/v1/changes',
      title: { vi: 'Biến động dân cư (sinh, tử, chuyển đến, kết hôn)', en: 'Change feed (births, deaths, moves, marriages)' },
      fields: ['/items', '/next_cursor', '/has_more'], dataClass: 'shared',
      subject: null, legalBases: [LAW, DECREE_47],
    },
    {
      code: 'citizen-documents', version: 'v1', method: 'POST', path: '/v1/citizens/{personal_id}/documents',
      title: { vi: 'Liên kết giấy tờ từ cơ sở dữ liệu chuyên ngành', en: 'Link a document from a sectoral database' },
      fields: ['/type', '/number', '/issued_by', '/issued_on', '/expires_on', '/recorded_at'], dataClass: 'shared',
      subject: { in: 'path', name: 'personal_id' }, legalBases: [LAW, DECREE_47],
    },
  ];
}
