/**
 * Vietnamese messages: the default language of the console (Vietnamese first). Every user-visible
 * string lives here and in `en.ts`, which must have exactly the same keys (the type checks it).
 */
export const vi = {
  app: {
    name: 'NDXP',
    title: 'Bảng điều khiển vận hành',
    fullName: 'Nền tảng tích hợp, chia sẻ dữ liệu quốc gia',
    skipToContent: 'Bỏ qua, tới nội dung chính',
    openNavigation: 'Mở menu điều hướng',
    closeNavigation: 'Đóng menu điều hướng',
    mainNavigation: 'Điều hướng chính',
  },
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  roles: {
    operator: 'Quản trị vận hành',
    provider_admin: 'Quản trị bên cung cấp',
    consumer_admin: 'Quản trị bên khai thác',
  },
  nav: {
    overview: 'Tổng quan',
    members: 'Thành viên và hệ thống',
    services: 'Danh mục dịch vụ',
    grants: 'Quyền truy cập',
    log: 'Nhật ký minh bạch',
    health: 'Tình trạng hệ thống',
  },
  login: {
    heading: 'Đăng nhập',
    intro: 'Dành cho quản trị vận hành, quản trị bên cung cấp và quản trị bên khai thác dữ liệu.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    required: 'Vui lòng nhập {{field}}',
    expired: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  },
  session: {
    signedInAs: 'Đăng nhập với tên {{username}}',
    member: 'Thành viên: {{member}}',
    signOut: 'Đăng xuất',
    userMenu: 'Tài khoản',
  },
  problem: {
    code: 'Mã lỗi',
    requestId: 'Mã yêu cầu',
    status: 'Trạng thái HTTP',
    network: 'Không kết nối được tới máy chủ NDXP',
    networkDetail: 'Kiểm tra kết nối mạng hoặc thử lại sau.',
    unexpected: 'Máy chủ trả về phản hồi không mong đợi',
    fields: 'Trường không hợp lệ',
  },
  forbidden: {
    heading: 'Không có quyền truy cập',
    body: 'Vai trò {{role}} không được xem trang này. Nếu bạn cần quyền này, hãy liên hệ quản trị vận hành.',
    back: 'Về trang chủ',
  },
  notFound: {
    heading: 'Không tìm thấy trang',
    body: 'Đường dẫn bạn mở không tồn tại.',
    back: 'Về trang chủ',
  },
  common: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    cancel: 'Hủy',
    confirm: 'Xác nhận',
    close: 'Đóng',
    save: 'Lưu',
    search: 'Tìm kiếm',
    none: 'Không có',
    yes: 'Có',
    no: 'Không',
    actions: 'Thao tác',
    details: 'Chi tiết',
    refresh: 'Làm mới',
  },
  home: {
    heading: 'Xin chào, {{name}}',
    intro: 'Chọn một mục trong menu để bắt đầu.',
  },
} as const;
