import { memo, useId, useState } from 'react'
import { PROBLEM_CATEGORIES, PROBLEM_CATEGORY_LABEL, ProblemCategory, type ProblemCategory as Category } from '@guatu/shared/domain/problem'
import type { NewProblem } from '@guatu/shared/board/problemCommands'
import { isIsoDate } from '@guatu/shared/domain/dates'
import type { ProblemCommands } from './useProblemCommands.ts'

function isCategory(value: string): value is Category {
  return (PROBLEM_CATEGORIES as readonly string[]).includes(value)
}

/** 提出问题: category, what blocks, which unit must solve it and by when. */
export const RaiseProblemForm = memo(function RaiseProblemForm({ commands, defaultLeadUnit }: { commands: ProblemCommands; defaultLeadUnit: string }) {
  const id = useId()
  const [category, setCategory] = useState<Category>(ProblemCategory.land)
  const [description, setDescription] = useState('')
  const [leadUnit, setLeadUnit] = useState(defaultLeadUnit)
  const [deadline, setDeadline] = useState('')
  const [error, setError] = useState<string | undefined>()

  // Not a <form>: the panel around it already is one, and forms cannot nest.
  const submit = () => {
    if (!description.trim()) return setError('问题描述不能为空')
    if (deadline && !isIsoDate(deadline)) return setError('解决时限须为有效日期')
    const raised: NewProblem = {
      category,
      description: description.trim(),
      leadUnit: leadUnit.trim(),
      ...(isIsoDate(deadline) ? { deadline } : {}),
    }
    const problem = commands.raise(raised)
    setError(problem)
    if (!problem) {
      setDescription('')
      setDeadline('')
    }
  }
  return (
    <div className="raise-problem" role="group" aria-labelledby={`${id}-title`} data-testid="raise-problem">
      <h4 id={`${id}-title`}>提出问题</h4>
      <label>
        问题类别
        <select value={category} onChange={(event) => isCategory(event.target.value) && setCategory(event.target.value)} data-testid="problem-category">
          {PROBLEM_CATEGORIES.map((value) => (
            <option key={value} value={value}>
              {PROBLEM_CATEGORY_LABEL[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="raise-description">
        问题描述
        <textarea rows={2} value={description} onChange={(event) => setDescription(event.target.value)} data-testid="problem-description" />
      </label>
      <label>
        牵头单位
        <input value={leadUnit} onChange={(event) => setLeadUnit(event.target.value)} data-testid="problem-lead-unit" />
      </label>
      <label>
        解决时限
        <input type="date" value={deadline} onChange={(event) => setDeadline(event.target.value)} data-testid="problem-deadline" />
      </label>
      <button type="button" className="primary-button" onClick={submit} data-testid="problem-raise">
        提出问题
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
})
