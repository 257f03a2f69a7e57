/** 建设性质: whether a project is new this year, continued from last year, or only preparatory. */
export const Nature = {
  new: 'new',
  continued: 'continued',
  preparatory: 'preparatory',
} as const
export type Nature = (typeof Nature)[keyof typeof Nature]

export const NATURES: readonly Nature[] = [Nature.new, Nature.continued, Nature.preparatory]

export const NATURE_LABEL: Record<Nature, string> = {
  new: '新建',
  continued: '续建',
  preparatory: '前期',
}

/** How a project without a 建设性质 is shown: nobody has said whether it is 新建, 续建 or 前期. */
export const NATURE_UNSET_LABEL = '性质未填'

export function natureFromLabel(label: string): Nature | undefined {
  const trimmed = label.trim()
  return NATURES.find((nature) => NATURE_LABEL[nature] === trimmed)
}
