/**
 * Every hub endpoint the console calls, in one place, built with encoded path segments. Each
 * matches a route of packages/hub (control plane under /api/v1).
 */
const e = encodeURIComponent;

export const endpoints = {
  login: '/api/v1/auth/login',
  me: '/api/v1/me',
  users: '/api/v1/users',
  members: '/api/v1/members',
  member: (member: string) => `/api/v1/members/${e(member)}`,
  /** POST: register a subsystem of `member`. */
  memberSubsystems: (member: string) => `/api/v1/members/${e(member)}/subsystems`,
  /** GET ?member=: list subsystems. */
  subsystems: '/api/v1/subsystems',
  subsystem: (member: string, subsystem: string) => `/api/v1/subsystems/${e(member)}/${e(subsystem)}`,
  keys: (member: string, subsystem: string) => `/api/v1/subsystems/${e(member)}/${e(subsystem)}/keys`,
  retireKey: (member: string, subsystem: string, kid: string) => `/api/v1/subsystems/${e(member)}/${e(subsystem)}/keys/${e(kid)}/retire`,
  services: '/api/v1/services',
  service: (serviceId: string) => `/api/v1/services/${serviceId.split('/').map(e).join('/')}`,
  serviceOpenapi: (serviceId: string) => `/api/v1/services/${serviceId.split('/').map(e).join('/')}/openapi.json`,
  plan: '/api/v1/plan',
  planItem: (id: string) => `/api/v1/plan/${e(id)}`,
  audit: '/api/v1/audit',
  metrics: '/metrics',
  readyz: '/readyz',
  healthz: '/healthz',
  logCheckpoint: '/log/v1/checkpoint',
  logCheckpoints: '/log/v1/checkpoints',
  logKeys: '/log/v1/keys',
  logInclusion: '/log/v1/proof/inclusion',
  logConsistency: '/log/v1/proof/consistency',
  logEntries: '/log/v1/entries',
  grants: '/api/v1/grants',
  grant: (id: string) => `/api/v1/grants/${e(id)}`,
  grantAction: (id: string, action: 'approve' | 'reject' | 'activate' | 'revoke') => `/api/v1/grants/${e(id)}/${action}`,
} as const;

/** Split `member/subsystem` into its parts. */
export function splitSubsystemId(id: string): { member: string; subsystem: string } {
  const i = id.indexOf('/');
  return { member: id.slice(0, i), subsystem: id.slice(i + 1) };
}
