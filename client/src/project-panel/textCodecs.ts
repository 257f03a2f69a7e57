import { wanTextToWan } from '@guatu/shared/domain/money'
import { normalizeProjectCode } from '@guatu/shared/domain/projectCode'

/**
 * How a text box maps to a stored value and back. `parse` never throws: text it cannot read is
 * passed through unchanged so that checkProjectField reports the field's own Chinese message.
 */
export interface TextCodec {
  format: (value: unknown) => string
  parse: (text: string) => unknown
}

export const plainText: TextCodec = {
  format: (value) => (typeof value === 'string' ? value : ''),
  parse: (text) => text,
}

/** Names separated by 、 , ， ; or spaces, as people type them in a 台账 cell. */
const LEADER_SEPARATORS = /[、,，;；\s]+/

export const leadersText: TextCodec = {
  format: (value) => (Array.isArray(value) ? value.join('、') : ''),
  parse: (text) =>
    text
      .split(LEADER_SEPARATORS)
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
}

/** Amounts are typed in 万元 as on the 台账; "1,200" and full-width digits are common pastes. */
export const moneyText: TextCodec = {
  format: (value) => (typeof value === 'string' ? value : ''),
  parse: (text) => {
    const normalized = text.replace(/[０-９．]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '')
    return wanTextToWan(normalized) ?? text
  },
}

/** 序号 is optional: an empty box clears it. */
export const seqText: TextCodec = {
  format: (value) => (typeof value === 'number' ? String(value) : ''),
  parse: (text) => {
    const trimmed = text.trim()
    if (trimmed === '') return undefined
    return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed
  },
}

/** `<input type="date">` already speaks YYYY-MM-DD; an empty box clears the optional date. */
export const dateText: TextCodec = {
  format: (value) => (typeof value === 'string' ? value : ''),
  parse: (text) => (text === '' ? undefined : text),
}

/** 项目代码 as pasted from the platform or a ledger: full-width characters folded; an empty box clears it. */
export const projectCodeText: TextCodec = {
  format: (value) => (typeof value === 'string' ? value : ''),
  parse: (text) => normalizeProjectCode(text),
}
