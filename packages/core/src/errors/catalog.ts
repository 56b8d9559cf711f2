/**
 * The closed catalogue of every error code NDXP can return. A code is a stable contract: clients
 * switch on it, so codes are never renamed or reused (habit from panva/jose `ERR_*` codes and
 * fastify `lib/errors.js`). The human catalogue lives in docs/errors.md and a test keeps the two
 * in step.
 *
 * `origin` says whose fault it is (X-Road's client/server/provider split): `client` for bad
 * requests, `hub` for the platform itself, `provider` for the upstream agency system.
 */
export type ErrorOrigin = 'client' | 'hub' | 'provider';

interface CatalogEntry {
  readonly status: number;
  readonly origin: ErrorOrigin;
  /** Vietnamese title (shown by default: Vietnamese first). */
  readonly vi: string;
  /** English title. */
  readonly en: string;
}

function entry(status: number, origin: ErrorOrigin, vi: string, en: string): CatalogEntry {
  return { status, origin, vi, en };
}

export const ERROR_CATALOG = {
  // ---- generic request problems -------------------------------------------------------------
  VALIDATION_FAILED: entry(400, 'client', 'Dữ liệu yêu cầu không hợp lệ', 'Request failed validation'),
  MALFORMED_JSON: entry(400, 'client', 'Nội dung JSON không đúng cú pháp', 'Request body is not valid JSON'),
  BODY_TOO_LARGE: entry(413, 'client', 'Nội dung yêu cầu quá lớn', 'Request body is too large'),
  UNSUPPORTED_MEDIA_TYPE: entry(415, 'client', 'Kiểu nội dung không được hỗ trợ', 'Unsupported media type'),
  ROUTE_NOT_FOUND: entry(404, 'client', 'Không tìm thấy đường dẫn', 'No such route'),
  METHOD_NOT_ALLOWED: entry(405, 'client', 'Phương thức không được phép', 'Method not allowed'),
  HEADER_INVALID: entry(400, 'client', 'Tiêu đề yêu cầu không hợp lệ', 'Request header is invalid'),
  HEADERS_TOO_LARGE: entry(431, 'client', 'Phần tiêu đề của yêu cầu quá lớn', 'Request header fields are too large'),
  REQUEST_TIMEOUT: entry(408, 'client', 'Yêu cầu không được gửi xong kịp thời hạn', 'The request did not arrive in time'),
  INTERNAL: entry(500, 'hub', 'Lỗi nội bộ', 'Internal error'),
  UNAVAILABLE: entry(503, 'hub', 'Dịch vụ tạm thời không sẵn sàng', 'Service temporarily unavailable'),
  CONFIG_INVALID: entry(500, 'hub', 'Cấu hình không hợp lệ', 'Configuration is invalid'),

  // ---- NPDB / personal data -----------------------------------------------------------------
  PERSONAL_ID_MALFORMED: entry(400, 'client', 'Số định danh cá nhân không đúng định dạng', 'Personal identification number is malformed'),
  CITIZEN_NOT_FOUND: entry(404, 'client', 'Không tìm thấy công dân', 'No citizen with this personal identification number'),
  HOUSEHOLD_NOT_FOUND: entry(404, 'client', 'Không tìm thấy hộ gia đình', 'No such household'),
  DATE_INVALID: entry(400, 'client', 'Ngày tháng không hợp lệ', 'Date is invalid'),
  FIELD_UNKNOWN: entry(400, 'client', 'Trường dữ liệu không tồn tại', 'Unknown field requested'),
  CURSOR_INVALID: entry(400, 'client', 'Con trỏ không hợp lệ', 'Cursor is invalid'),
  HOUSEHOLD_ID_MALFORMED: entry(400, 'client', 'Mã hộ gia đình không đúng định dạng', 'Household identifier is malformed'),

  // ---- authentication (token endpoint, data plane, control plane) ----------------------------
  AUTH_REQUIRED: entry(401, 'client', 'Yêu cầu xác thực', 'Authentication required'),
  TOKEN_INVALID: entry(401, 'client', 'Mã truy cập không hợp lệ', 'Access token is invalid'),
  TOKEN_EXPIRED: entry(401, 'client', 'Mã truy cập đã hết hạn', 'Access token has expired'),
  TOKEN_AUDIENCE_INVALID: entry(401, 'client', 'Mã truy cập không dành cho máy chủ này', 'Access token audience is wrong'),
  CLIENT_UNKNOWN: entry(401, 'client', 'Hệ thống khách không tồn tại', 'Unknown client'),
  CLIENT_ASSERTION_INVALID: entry(401, 'client', 'Khẳng định của hệ thống khách không hợp lệ', 'Client assertion is invalid'),
  CLIENT_ASSERTION_REPLAYED: entry(401, 'client', 'Khẳng định của hệ thống khách đã được dùng', 'Client assertion was already used'),
  GRANT_TYPE_UNSUPPORTED: entry(400, 'client', 'Loại cấp quyền không được hỗ trợ', 'Unsupported grant_type'),
  CREDENTIALS_INVALID: entry(401, 'client', 'Tên đăng nhập hoặc mật khẩu không đúng', 'Wrong username or password'),
  ROLE_FORBIDDEN: entry(403, 'client', 'Vai trò không có quyền thực hiện thao tác này', 'Role may not perform this action'),
  HUB_ASSERTION_INVALID: entry(401, 'client', 'Khẳng định của nền tảng không hợp lệ', 'Hub assertion is invalid'),
  LOGIN_THROTTLED: entry(429, 'client', 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau', 'Too many failed logins; try again later'),

  // ---- catalogue and identity management -----------------------------------------------------
  MEMBER_NOT_FOUND: entry(404, 'client', 'Không tìm thấy thành viên', 'No such member'),
  MEMBER_EXISTS: entry(409, 'client', 'Thành viên đã tồn tại', 'Member already exists'),
  SUBSYSTEM_NOT_FOUND: entry(404, 'client', 'Không tìm thấy hệ thống', 'No such subsystem'),
  SUBSYSTEM_EXISTS: entry(409, 'client', 'Hệ thống đã tồn tại', 'Subsystem already exists'),
  KEY_INVALID: entry(400, 'client', 'Khóa công khai không hợp lệ', 'Public key is invalid'),
  SERVICE_NOT_FOUND: entry(404, 'client', 'Không tìm thấy dịch vụ', 'No such service'),
  SERVICE_EXISTS: entry(409, 'client', 'Dịch vụ đã tồn tại', 'Service already exists'),
  USER_EXISTS: entry(409, 'client', 'Người dùng đã tồn tại', 'User already exists'),
  KEY_EXISTS: entry(409, 'client', 'Mã khóa (kid) đã được đăng ký', 'Key id (kid) is already registered'),
  KEY_NOT_FOUND: entry(404, 'client', 'Không tìm thấy khóa công khai', 'No such public key'),
  OPENAPI_INVALID: entry(400, 'client', 'Tài liệu OpenAPI không hợp lệ', 'OpenAPI document is invalid'),

  // ---- grants and enforcement ----------------------------------------------------------------
  GRANT_NOT_FOUND: entry(404, 'client', 'Không tìm thấy quyền truy cập', 'No such grant'),
  GRANT_STATE_CONFLICT: entry(409, 'client', 'Trạng thái quyền truy cập không cho phép thao tác này', 'Grant is not in a state that allows this'),
  GRANT_MISSING: entry(403, 'client', 'Không có quyền truy cập dịch vụ', 'No grant for this service'),
  GRANT_NOT_ACTIVE: entry(403, 'client', 'Quyền truy cập chưa được kích hoạt', 'Grant is not active'),
  GRANT_EXPIRED: entry(403, 'client', 'Quyền truy cập hết hiệu lực', 'Grant is outside its validity window'),
  GRANT_REVOKED: entry(403, 'client', 'Quyền truy cập đã bị thu hồi', 'Grant has been revoked'),
  PURPOSE_REQUIRED: entry(400, 'client', 'Thiếu mục đích sử dụng dữ liệu', 'Purpose header is required'),
  PURPOSE_NOT_GRANTED: entry(403, 'client', 'Mục đích không nằm trong quyền truy cập', 'Purpose is not covered by the grant'),
  FIELD_NOT_GRANTED: entry(403, 'client', 'Trường dữ liệu không nằm trong quyền truy cập', 'Field is not covered by the grant'),
  QUOTA_EXCEEDED: entry(429, 'client', 'Vượt hạn mức truy cập', 'Grant quota exceeded'),
  PATH_INVALID: entry(400, 'client', 'Đường dẫn dịch vụ không hợp lệ', 'Service path is invalid'),

  // ---- upstream provider ---------------------------------------------------------------------
  PROVIDER_TIMEOUT: entry(504, 'provider', 'Hệ thống cung cấp không phản hồi kịp', 'Provider timed out'),
  PROVIDER_UNAVAILABLE: entry(503, 'provider', 'Hệ thống cung cấp không sẵn sàng', 'Provider is unreachable'),
  PROVIDER_CIRCUIT_OPEN: entry(503, 'provider', 'Tạm ngừng chuyển tiếp tới hệ thống cung cấp', 'Provider circuit is open'),
  PROVIDER_BAD_RESPONSE: entry(502, 'provider', 'Hệ thống cung cấp trả về dữ liệu không hợp lệ', 'Provider returned an invalid response'),

  // ---- audit and transparency log ------------------------------------------------------------
  AUDIT_UNAVAILABLE: entry(503, 'hub', 'Không ghi được nhật ký, từ chối trao đổi', 'Audit log unavailable; exchange refused'),
  LOG_INDEX_OUT_OF_RANGE: entry(400, 'client', 'Chỉ số nhật ký vượt phạm vi', 'Log index is out of range'),
  LOG_ENTRY_NOT_FOUND: entry(404, 'client', 'Không tìm thấy mục nhật ký', 'No such log entry'),
  LOG_SIZE_OUT_OF_RANGE: entry(400, 'client', 'Kích thước cây nhật ký vượt phạm vi', 'Log tree size is out of range'),
  LOG_HASH_MALFORMED: entry(400, 'client', 'Giá trị băm không đúng định dạng', 'Hash is malformed (64 hex digits or base64 of 32 bytes)'),
  LOG_TILE_NOT_FOUND: entry(404, 'client', 'Không tìm thấy ô dữ liệu (tile) của nhật ký', 'No such log tile'),

  // ---- sectoral systems and the action plan --------------------------------------------------
  RECORD_NOT_FOUND: entry(404, 'client', 'Không tìm thấy bản ghi', 'No matching record'),
  PLAN_ITEM_NOT_FOUND: entry(404, 'client', 'Không tìm thấy nhiệm vụ trong kế hoạch hành động', 'No such action-plan item'),
  PLAN_LINK_NOT_FOUND: entry(404, 'client', 'Nhiệm vụ không có liên kết này', 'The action-plan item has no such link'),
} as const satisfies Record<string, CatalogEntry>;

/** Every error code NDXP can return. A closed union: adding one means adding it to the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOG;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CATALOG, value);
}
