/**
 * What the security audit log (安全审计日志) records: 等保 GB/T 22239 8.1.4.3 asks for every user's
 * important security events — sign-in, account and permission changes, refusals — with time, user,
 * address and outcome. The per-board change history is a different log (server/src/audit/).
 */
export const SecurityEventType = {
  loginSucceeded: 'login.succeeded',
  loginFailed: 'login.failed',
  logout: 'logout',
  passwordChanged: 'password.changed',
  userCreated: 'user.created',
  userChanged: 'user.changed',
  tokenCreated: 'token.created',
  tokenDeleted: 'token.deleted',
  screenLinkCreated: 'screen-link.created',
  screenLinkRevoked: 'screen-link.revoked',
  /** A unit's 企业微信 / 钉钉 / e-mail reminder channel registered, replaced or removed. */
  reminderChannelSet: 'reminder-channel.set',
  reminderChannelRemoved: 'reminder-channel.removed',
  /** The office's tile service (底图服务) set or switched off: an address the server fetches, with its key. */
  tileServiceSet: 'tile-service.set',
  tileServiceCleared: 'tile-service.cleared',
  /** A REST request refused with 403. */
  accessDenied: 'access.denied',
  /** A websocket upgrade refused: wrong origin, no right to the board, password to change. */
  socketRefused: 'socket.refused',
  /** Entries older than the retention were removed; the chain goes on from their last hash. */
  pruned: 'audit.pruned',
} as const
export type SecurityEventType = (typeof SecurityEventType)[keyof typeof SecurityEventType]

export const SECURITY_EVENT_LABEL: Record<SecurityEventType, string> = {
  'login.succeeded': '登录成功',
  'login.failed': '登录失败',
  logout: '退出登录',
  'password.changed': '修改密码',
  'user.created': '新建账号',
  'user.changed': '修改账号',
  'token.created': '创建令牌',
  'token.deleted': '删除令牌',
  'screen-link.created': '创建大屏链接',
  'screen-link.revoked': '撤销大屏链接',
  'reminder-channel.set': '登记提醒渠道',
  'reminder-channel.removed': '删除提醒渠道',
  'tile-service.set': '设置底图服务',
  'tile-service.cleared': '关闭底图服务',
  'access.denied': '拒绝访问',
  'socket.refused': '拒绝同步连接',
  'audit.pruned': '清理过期日志',
}

/** One entry as the API and the export show it. */
export interface SecurityEvent {
  /** Position in the chain: 1, 2, 3 … without gaps. */
  seq: number
  /** ISO time. */
  at: string
  type: SecurityEventType
  /** Who acted (user id, screen link id), empty when nobody was signed in. */
  actorId: string
  actorLabel: string
  /** The client address (proxy-aware), empty for the server's own work. */
  address: string
  /** What was acted on: a user id, token id, board id, path. */
  target: string
  /** Free text: which fields changed, the refusal's reason. */
  detail: string
  /** sha256 (hex) of the entry before, or of the anchor for the first kept entry. */
  prevHash: string
  /** sha256 (hex) over this entry's canonical serialization, prevHash included. */
  hash: string
}
