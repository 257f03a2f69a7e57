import { createHmac } from 'node:crypto'
import nodemailer, { type Transporter } from 'nodemailer'
import { ChannelKind } from '@guatu/shared/domain/reminderChannel'
import type { StoredChannel } from './reminderStore.ts'
import { messageMarkdown, messageText, type ReminderMessage } from './reminderMessages.ts'

/** What came back: ok only when the robot (or the mail server) said so. */
export interface SendAnswer {
  ok: boolean
  /** The robot's JSON, the HTTP status, or the error; kept in the delivery log. */
  answer: string
}

/** SMTP settings (GUATU_SMTP_*); e-mail channels cannot be registered without them. */
export interface SmtpSettings {
  host: string
  port: number
  secure: boolean
  user: string | undefined
  password: string | undefined
  from: string
}

/** The longest answer kept in the log: a robot that answers with a page of HTML must not fill it. */
const MAX_ANSWER_CHARS = 500

/**
 * 钉钉 加签: `sign = Base64(HmacSHA256(secret, timestamp + "\n" + secret))`, sent with the
 * millisecond timestamp as query parameters; 钉钉 refuses a timestamp more than an hour off.
 */
export function dingtalkSignedUrl(target: string, secret: string, now: number): string {
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64')
  const url = new URL(target)
  url.searchParams.set('timestamp', String(now))
  url.searchParams.set('sign', sign)
  return url.href
}

/** Sends one message to one channel: 企业微信 or 钉钉 group robot (markdown), or e-mail. */
export class ChannelSender {
  private readonly mail: Transporter | undefined

  constructor(private readonly options: { timeoutMs: number; smtp: SmtpSettings | undefined }) {
    const smtp = options.smtp
    this.mail = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
          connectionTimeout: options.timeoutMs,
          socketTimeout: options.timeoutMs,
        })
      : undefined
  }

  get canEmail(): boolean {
    return this.mail !== undefined
  }

  async send(channel: StoredChannel, message: ReminderMessage): Promise<SendAnswer> {
    try {
      switch (channel.kind) {
        case ChannelKind.wecom:
          return await this.postRobot(channel.target, { msgtype: 'markdown', markdown: { content: messageMarkdown(message) } })
        case ChannelKind.dingtalk:
          return await this.postRobot(dingtalkSignedUrl(channel.target, channel.secret ?? '', Date.now()), {
            msgtype: 'markdown',
            markdown: { title: message.subject, text: messageMarkdown(message) },
          })
        case ChannelKind.email:
          return await this.sendMail(channel.target, message)
      }
    } catch (error) {
      return { ok: false, answer: clip(describeError(error)) }
    }
  }

  /** Both robots answer 200 with `{ errcode, errmsg }`: only errcode 0 is a delivered message. */
  private async postRobot(url: string, body: unknown): Promise<SendAnswer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      // A redirect would take the server's request somewhere the allow-list never checked.
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    })
    const text = clip(await response.text())
    if (!response.ok) return { ok: false, answer: `HTTP ${response.status} ${text}` }
    try {
      const answer = JSON.parse(text) as { errcode?: unknown }
      return { ok: answer.errcode === 0, answer: text }
    } catch {
      return { ok: false, answer: `无法识别的应答：${text}` }
    }
  }

  private async sendMail(to: string, message: ReminderMessage): Promise<SendAnswer> {
    if (!this.mail || !this.options.smtp) return { ok: false, answer: '服务器未配置邮件发送（GUATU_SMTP_HOST）' }
    const info = await this.mail.sendMail({ from: this.options.smtp.from, to, subject: `【项目提醒】${message.subject}`, text: messageText(message) })
    return { ok: true, answer: clip(String(info.response ?? info.messageId ?? '')) }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return '请求超时'
    const cause = (error as { cause?: unknown }).cause
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message
  }
  return String(error)
}

function clip(text: string): string {
  return text.length > MAX_ANSWER_CHARS ? `${text.slice(0, MAX_ANSWER_CHARS)}…` : text
}
