import { memo, useId, useState, type FormEvent } from 'react'
import { INDUSTRIES, INDUSTRY_LABEL } from '@guatu/shared/domain/industry'
import { assignableUnits } from '@guatu/shared/domain/permissions'
import {
  RESERVE_LEVELS,
  RESERVE_LEVEL_LABEL,
  ReserveLevel,
  candidateInputSchema,
  type Candidate,
  type CandidateInput,
} from '@guatu/shared/domain/reserveCandidate'
import { usePrincipal } from '../auth/usePrincipal.ts'

interface Draft {
  name: string
  unit: string
  level: string
  sourceUnit: string
  industry: string
  totalInvestment: string
  annualPlanInvestment: string
  location: string
  scope: string
}

function draftOf(candidate: Candidate | undefined, units: 'any' | readonly string[]): Draft {
  return {
    name: candidate?.name ?? '',
    unit: candidate?.unit ?? (units === 'any' ? '' : (units[0] ?? '')),
    level: candidate?.level ?? ReserveLevel.planning,
    sourceUnit: candidate?.sourceUnit ?? '',
    industry: candidate?.industry ?? '',
    totalInvestment: candidate?.totalInvestment ?? '',
    annualPlanInvestment: candidate?.annualPlanInvestment ?? '',
    location: candidate?.location ?? '',
    scope: candidate?.scope ?? '',
  }
}

/** The draft as the API takes it: empty optional fields left out, checked with the shared schema. */
function inputOf(draft: Draft): { input: CandidateInput } | { error: string } {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim())
  const parsed = candidateInputSchema.safeParse({
    name: draft.name.trim(),
    unit: draft.unit.trim(),
    level: draft.level,
    sourceUnit: optional(draft.sourceUnit),
    industry: optional(draft.industry),
    totalInvestment: optional(draft.totalInvestment),
    annualPlanInvestment: optional(draft.annualPlanInvestment),
    location: optional(draft.location),
    scope: optional(draft.scope),
  })
  return parsed.success ? { input: parsed.data } : { error: parsed.error.issues[0]?.message ?? '填写有误' }
}

/**
 * 提出储备项目, or correct one (`candidate` given): a department picks one of its own units, the
 * office any. Money is in 万元, as on the board.
 */
export const CandidateForm = memo(function CandidateForm({
  candidate,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  candidate?: Candidate
  submitLabel: string
  onSubmit: (input: CandidateInput) => Promise<void>
  onCancel?: () => void
}) {
  const units = assignableUnits(usePrincipal())
  const [draft, setDraft] = useState(() => draftOf(candidate, units))
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const id = useId()
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => setDraft((old) => ({ ...old, [field]: event.target.value }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const checked = inputOf(draft)
    if ('error' in checked) return setError(checked.error)
    setBusy(true)
    setError(undefined)
    try {
      await onSubmit(checked.input)
      if (!candidate) setDraft(draftOf(undefined, units))
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '提交失败')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="candidate-form" onSubmit={(event) => void submit(event)} aria-label={submitLabel}>
      <label htmlFor={`${id}-name`}>项目名称</label>
      <input id={`${id}-name`} value={draft.name} onChange={set('name')} required maxLength={200} />
      <label htmlFor={`${id}-unit`}>责任单位</label>
      {units === 'any' ? (
        <input id={`${id}-unit`} value={draft.unit} onChange={set('unit')} required maxLength={50} />
      ) : (
        <select id={`${id}-unit`} value={draft.unit} onChange={set('unit')} disabled={candidate !== undefined}>
          {units.map((unit) => (
            <option key={unit}>{unit}</option>
          ))}
        </select>
      )}
      <label htmlFor={`${id}-level`}>储备级别</label>
      <select id={`${id}-level`} value={draft.level} onChange={set('level')}>
        {RESERVE_LEVELS.map((level) => (
          <option key={level} value={level}>
            {RESERVE_LEVEL_LABEL[level]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-source`}>来源单位</label>
      <input id={`${id}-source`} value={draft.sourceUnit} onChange={set('sourceUnit')} maxLength={50} placeholder="默认与责任单位相同" />
      <label htmlFor={`${id}-industry`}>产业类别</label>
      <select id={`${id}-industry`} value={draft.industry} onChange={set('industry')}>
        <option value="">未分类</option>
        {INDUSTRIES.map((industry) => (
          <option key={industry} value={industry}>
            {INDUSTRY_LABEL[industry]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-total`}>总投资（万元）</label>
      <input id={`${id}-total`} value={draft.totalInvestment} onChange={set('totalInvestment')} inputMode="decimal" />
      <label htmlFor={`${id}-annual`}>年度计划投资（万元）</label>
      <input id={`${id}-annual`} value={draft.annualPlanInvestment} onChange={set('annualPlanInvestment')} inputMode="decimal" />
      <label htmlFor={`${id}-location`}>建设地点</label>
      <input id={`${id}-location`} value={draft.location} onChange={set('location')} maxLength={100} />
      <label htmlFor={`${id}-scope`}>建设内容及规模</label>
      <textarea id={`${id}-scope`} value={draft.scope} onChange={set('scope')} maxLength={2000} rows={2} />
      {error && (
        <p role="alert" className="error-text candidate-form-wide">
          {error}
        </p>
      )}
      <div className="candidate-form-wide candidate-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            取消
          </button>
        )}
      </div>
    </form>
  )
})
