import { ChannelKind, ROBOT_HOST } from '@guatu/shared/domain/reminderChannel'
import { RequestError } from '../requestError.ts'

/** The webhook paths each robot uses, and the query parameter that holds its token. */
const ROBOT_PATH: Record<Exclude<ChannelKind, 'email'>, { path: string; token: string }> = {
  wecom: { path: '/cgi-bin/webhook/send', token: 'key' },
  dingtalk: { path: '/robot/send', token: 'access_token' },
}

/** A plain address: no display name, no list, nothing a mail header could be tricked with. */
const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/

/**
 * Which robot URLs the server will post to. The server sends from inside the government network,
 * so a webhook an office user types is a request the server makes on their behalf (SSRF): only
 * https to the robot's official host, or an origin the operator listed in
 * GUATU_REMINDER_ALLOWED_TARGETS (an intranet gateway, a test's stand-in robot on 127.0.0.1).
 */
export class ChannelTargets {
  private readonly allowedOrigins: ReadonlySet<string>

  constructor(allowedOrigins: readonly string[]) {
    this.allowedOrigins = new Set(allowedOrigins.map((origin) => new URL(origin).origin))
  }

  /** Throws a 400 in Chinese when `target` may not be used for `kind`; answers the target normalised. */
  check(kind: ChannelKind, target: string, secret: string | undefined): string {
    if (kind === ChannelKind.email) {
      if (!EMAIL_PATTERN.test(target)) throw new RequestError(400, '电子邮件地址格式不正确')
      if (secret !== undefined) throw new RequestError(400, '电子邮件渠道不需要加签密钥')
      return target.toLowerCase()
    }
    let url: URL
    try {
      url = new URL(target)
    } catch {
      throw new RequestError(400, '机器人地址须为完整的网址（https://…）')
    }
    if (url.username || url.password) throw new RequestError(400, '机器人地址不能包含用户名或密码')
    const official = url.protocol === 'https:' && url.hostname === ROBOT_HOST[kind] && url.port === ''
    if (!official && !this.allowedOrigins.has(url.origin))
      throw new RequestError(400, `机器人地址须为 https://${ROBOT_HOST[kind]} 的官方地址（或服务器允许的内网网关）`)
    const { path, token } = ROBOT_PATH[kind]
    if (official && url.pathname !== path) throw new RequestError(400, `机器人地址的路径须为 ${path}`)
    if (!url.searchParams.get(token)) throw new RequestError(400, `机器人地址缺少 ${token} 参数`)
    url.hash = ''
    if (kind === ChannelKind.dingtalk) {
      if (!secret || !/^SEC[A-Za-z0-9]{16,128}$/.test(secret)) throw new RequestError(400, '钉钉机器人须填写加签密钥（以 SEC 开头）')
    } else if (secret !== undefined) throw new RequestError(400, '企业微信机器人不需要加签密钥')
    return url.href
  }
}

/** Host and the last characters of the token: enough to tell two robots apart, not to post to them. */
export function maskTarget(kind: ChannelKind, target: string): string {
  if (kind === ChannelKind.email) {
    const [name = '', domain = ''] = target.split('@')
    return `${name.slice(0, 1)}•••@${domain}`
  }
  const url = new URL(target)
  const token = url.searchParams.get(ROBOT_PATH[kind].token) ?? ''
  return `${url.origin}${url.pathname}?…${token.length > 8 ? token.slice(-4) : ''}`
}
