import { SECURITY_EVENT_LABEL, type SecurityEvent, type SecurityEventType } from '@guatu/shared/domain/securityEvent'

const CSV_HEADER = ['序号', '时间', '事件', '事件代码', '操作者ID', '操作者', '地址', '对象', '详情', '前一哈希', '哈希']

/**
 * One CSV cell. A cell starting like a formula gets a leading apostrophe so a spreadsheet shows it
 * as text instead of running it (an attacker controls user names and paths); the JSON export keeps
 * the exact text for verification.
 */
function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function label(type: SecurityEventType): string {
  return SECURITY_EVENT_LABEL[type] ?? type
}

/** UTF-8 with a BOM so Excel on a Chinese Windows opens it in the right encoding. */
export async function* securityAuditCsv(entries: AsyncIterable<SecurityEvent>): AsyncGenerator<string> {
  yield `\uFEFF${CSV_HEADER.join(',')}\r\n`
  for await (const e of entries) {
    yield `${[e.seq, e.at, label(e.type), e.type, e.actorId, e.actorLabel, e.address, e.target, e.detail, e.prevHash, e.hash].map(csvCell).join(',')}\r\n`
  }
}
