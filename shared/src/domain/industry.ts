/** 产业类别: the broad sector a project belongs to. The finer cluster tag (产业集群) is free text. */
export const Industry = {
  primary: 'primary',
  secondary: 'secondary',
  tertiary: 'tertiary',
  infrastructure: 'infrastructure',
  social: 'social',
} as const
export type Industry = (typeof Industry)[keyof typeof Industry]

export const INDUSTRIES: readonly Industry[] = [Industry.primary, Industry.secondary, Industry.tertiary, Industry.infrastructure, Industry.social]

export const INDUSTRY_LABEL: Record<Industry, string> = {
  primary: '一产',
  secondary: '二产',
  tertiary: '三产',
  infrastructure: '基础设施',
  social: '社会事业',
}

/** How a project without a 产业类别 is shown: the office has not classified it yet. */
export const INDUSTRY_UNSET_LABEL = '未分类'

export function industryFromLabel(label: string): Industry | undefined {
  const trimmed = label.trim()
  return INDUSTRIES.find((industry) => INDUSTRY_LABEL[industry] === trimmed)
}
