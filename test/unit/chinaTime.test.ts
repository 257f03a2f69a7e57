import { describe, expect, test } from 'vitest'
import { AuditAction } from '@guatu/shared/domain/auditAction'
import { chinaClock, chinaDateTimeText, chinaMinute } from '@guatu/shared/domain/chinaTime'
import { auditSummary } from '@guatu/server/audit/auditRecord'

describe('times as the office reads them', () => {
  test('an instant reads in Beijing time, past midnight UTC included, whatever the machine zone', () => {
    expect(chinaMinute('2022-08-16T17:05:00.000Z')).toBe('2022-08-17 01:05')
    expect(chinaClock(Date.UTC(2022, 7, 16, 1, 30))).toBe('09:30')
    expect(chinaDateTimeText('2022-08-16T07:00:00Z')).toBe('2022年8月16日 15:00')
    expect([chinaMinute('不是时间'), chinaClock(Number.NaN), chinaDateTimeText('')]).toEqual(['', '', ''])
  })

  test('history names a photo by its capture time and a restore by its moment, both in Beijing time', () => {
    const base = { projectId: 'p1', recordId: null, field: null }
    expect(auditSummary({ ...base, action: AuditAction.addPhoto, from: null, to: '2026-12-06T02:15:00.000Z' })).toBe(
      '上传形象进度照片（拍摄于 2026-12-06 10:15）',
    )
    expect(auditSummary({ ...base, action: AuditAction.restore, from: null, to: '2026-12-06T12:02:37.743Z' })).toBe('恢复到 2026-12-06 20:02 时的状态')
    expect(auditSummary({ ...base, action: AuditAction.deletePhoto, from: null, to: null })).toBe('删除形象进度照片（拍摄于 时间不详）')
  })
})
