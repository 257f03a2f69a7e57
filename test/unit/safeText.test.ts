import { describe, expect, test } from 'vitest'
import { checkRecordField } from '@guatu/shared/board/recordSchemas'
import { projectFieldSchemas } from '@guatu/shared/domain/project'
import { findXmlUnsafeText, isXmlSafeText, parseStored, withoutXmlUnsafeCharacters, xmlUnsafeCharacter } from '@guatu/shared/domain/safeText'

const CHINESE = /[\u4e00-\u9fff]/

describe('text every export can hold', () => {
  test.each([
    ['U+FFFE', '产业园\uFFFE项目', 'U+FFFE'],
    ['U+FFFF', '\uFFFF', 'U+FFFF'],
    ['a NUL', 'a\u0000b', 'U+0000'],
    ['a vertical tab', 'a\u000Bb', 'U+000B'],
    ['an escape', '\u001B[31m', 'U+001B'],
    ['a lone high surrogate', '项目\uD83D', 'U+D83D'],
    ['a lone low surrogate', '\uDE00项目', 'U+DE00'],
  ])('text with %s is found unsafe and named by its code point', (_label, text, codePoint) => {
    expect(xmlUnsafeCharacter(text)).toBe(codePoint)
    expect(isXmlSafeText(withoutXmlUnsafeCharacters(text))).toBe(true)
  })

  test('tab, newline, carriage return, Chinese and a paired surrogate (an emoji) stay as they are', () => {
    const text = '第一行\t甲\r\n第二行 😀 𠀀'
    expect(isXmlSafeText(text)).toBe(true)
    expect(withoutXmlUnsafeCharacters(text)).toBe(text)
  })

  test('stripping removes only the unsafe characters', () => {
    expect(withoutXmlUnsafeCharacters('高端\uFFFE装备\u0001产业园\uD800')).toBe('高端装备产业园')
  })

  test('a project name with U+FFFE is refused by its schema with a Chinese message naming the field', () => {
    const result = projectFieldSchemas.name.safeParse('高端装备\uFFFE产业园')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/项目名称.*U\+FFFE/)
  })

  test('a leader list or any nested text of a record is checked too', () => {
    expect(checkRecordField('projects', 'leaders', ['张三', '李\u0007四'])).toMatch(CHINESE)
    expect(findXmlUnsafeText({ key: '\uFFFF', label: '目标' })).toBe('U+FFFF')
    expect(checkRecordField('projects', 'name', '高端装备产业园')).toBeUndefined()
  })

  test('text stored before the rule is read with the characters removed, not lost or defaulted', () => {
    expect(parseStored(projectFieldSchemas.name, '高端装备\uFFFE产业园')).toMatchObject({ success: true, data: '高端装备产业园' })
    expect(parseStored(projectFieldSchemas.leaders, ['张\u0001三'])).toMatchObject({ success: true, data: ['张三'] })
    expect(parseStored(projectFieldSchemas.name, 42).success).toBe(false)
  })
})
