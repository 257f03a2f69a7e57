import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { deferCleanup } from './cleanup.ts'

/** What the stand-in robot accepted: a message a group would have shown. */
export interface RobotMessage {
  robot: 'wecom' | 'dingtalk'
  /** The markdown text (企业微信 `markdown.content`, 钉钉 `markdown.text`). */
  text: string
  /** 钉钉's `markdown.title`. */
  title?: string
}

/** Every request, accepted or not, with the answer given. */
export interface RobotRequest {
  path: string
  status: number
  answer: { errcode: number; errmsg: string }
}

/** How the next requests fail: an HTTP 500, or HTTP 200 with the robot's errcode (as 企业微信/钉钉 answer throttling). */
export type RobotFailure = 'http500' | 'errcode'

/**
 * A real HTTP server on 127.0.0.1 (port 0) that answers as the 企业微信 and 钉钉 group robots do,
 * and checks what they check: the webhook key or access token, the message format, and for 钉钉
 * the 加签 (timestamp within an hour, sign = Base64(HmacSHA256(secret, timestamp\nsecret))).
 */
export class StandInRobot {
  readonly messages: RobotMessage[] = []
  readonly requests: RobotRequest[] = []
  private failures: RobotFailure[] = []

  private constructor(
    private readonly server: http.Server,
    readonly wecomKey: string,
    readonly dingtalkToken: string,
    readonly dingtalkSecret: string,
  ) {}

  static async start(): Promise<StandInRobot> {
    const server = http.createServer()
    const robot = new StandInRobot(server, 'wecom-key-0123456789abcdef', 'dingtalk-token-0123456789abcdef', `SEC${'a1B2c3D4e5F6'.repeat(5)}`)
    server.on('request', (request, response) => void robot.answer(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    deferCleanup(() => robot.stop())
    return robot
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  get wecomUrl(): string {
    return `${this.origin}/cgi-bin/webhook/send?key=${this.wecomKey}`
  }

  get dingtalkUrl(): string {
    return `${this.origin}/robot/send?access_token=${this.dingtalkToken}`
  }

  /** The next `count` requests fail as `how`, then the robot answers normally again. */
  failNext(count: number, how: RobotFailure): void {
    for (let i = 0; i < count; i++) this.failures.push(how)
  }

  messagesTo(robot: RobotMessage['robot']): RobotMessage[] {
    return this.messages.filter((message) => message.robot === robot)
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections()
      this.server.close(() => resolve())
    })
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const url = new URL(request.url ?? '/', this.origin)
    const reply = (status: number, errcode: number, errmsg: string) => {
      this.requests.push({ path: url.pathname, status, answer: { errcode, errmsg } })
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ errcode, errmsg }))
    }
    const failure = this.failures.shift()
    if (failure === 'http500') return reply(500, -1, 'internal error')
    if (failure === 'errcode') return reply(200, 45009, 'api freq out of limit')
    let body: { msgtype?: unknown; markdown?: { content?: unknown; title?: unknown; text?: unknown } }
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body
    } catch {
      return reply(200, 40008, 'invalid message type')
    }
    if (request.method !== 'POST' || !/^application\/json/.test(request.headers['content-type'] ?? '')) return reply(200, 40008, 'invalid message type')
    if (url.pathname === '/cgi-bin/webhook/send') {
      if (url.searchParams.get('key') !== this.wecomKey) return reply(200, 93000, 'invalid webhook url')
      if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string' || body.markdown.content === '')
        return reply(200, 40008, 'invalid message type')
      this.messages.push({ robot: 'wecom', text: body.markdown.content })
      return reply(200, 0, 'ok')
    }
    if (url.pathname === '/robot/send') {
      if (url.searchParams.get('access_token') !== this.dingtalkToken) return reply(200, 300001, 'token is not exist')
      const timestamp = url.searchParams.get('timestamp') ?? ''
      if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) return reply(200, 310000, 'invalid timestamp')
      const expected = Buffer.from(createHmac('sha256', this.dingtalkSecret).update(`${timestamp}\n${this.dingtalkSecret}`).digest('base64'))
      const given = Buffer.from(url.searchParams.get('sign') ?? '')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return reply(200, 310000, 'sign not match')
      const { title, text } = body.markdown ?? {}
      if (body.msgtype !== 'markdown' || typeof title !== 'string' || typeof text !== 'string' || text === '') return reply(200, 40035, 'missing parameter')
      this.messages.push({ robot: 'dingtalk', text, title })
      return reply(200, 0, 'ok')
    }
    reply(404, 404, 'not found')
  }
}
