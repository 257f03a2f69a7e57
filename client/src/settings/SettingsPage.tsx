import { memo, useContext, useState } from 'react'
import { writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import { TIME_BASIS_LABEL, TimeBasis, WALL_MAP_LABEL, WALL_MAPS, type BoardSettings } from '@guatu/shared/progress/boardSettings'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useChinaToday } from '../progress/useChinaToday.ts'
import { BoardYearContext } from '../sync/boardYearContext.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'
import { MilestonesFieldset } from './MilestonesFieldset.tsx'
import { fromDraft, toDraft, type SettingsDraft, type SettingsErrors } from './settingsDraft.ts'
import { SettingInput } from './SettingInput.tsx'
import { TargetsFieldset } from './TargetsFieldset.tsx'
import { ThresholdsFieldset } from './ThresholdsFieldset.tsx'
import { TileServiceSettings } from './TileServiceSettings.tsx'
import './settings.css'
import '../app/reportPage.css'

const NO_ERRORS: SettingsErrors = new Map()
const BASES = [TimeBasis.month, TimeBasis.day] as const

/**
 * 看板设置: the year's targets, 节点 and warning thresholds. Only the project office may change
 * them (others see the same page read-only); saving writes the whole object in one transaction,
 * checked by the shared schema here and again by the server. Everyone's pages follow at once.
 *
 * The form keeps its own draft. While it is untouched it follows the live settings; once edited, a
 * colleague's save is announced instead of silently replacing what is being typed.
 */
export const SettingsPage = memo(function SettingsPage({ onSaved }: { onSaved: (message: string) => void }) {
  const principal = usePrincipal()
  const editable = canManageBoards(principal)
  const { doc, boardId } = useBoardConnection()
  const year = useContext(BoardYearContext)
  const settings = useBoardSettings()
  const today = useChinaToday()
  const [base, setBase] = useState<BoardSettings>(settings)
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings))
  const [dirty, setDirty] = useState(false)
  const [errors, setErrors] = useState<SettingsErrors>(NO_ERRORS)
  const [saveError, setSaveError] = useState<string | undefined>()

  // Follow live changes while untouched (state adjusted during render, as React recommends over an effect).
  if (base !== settings && !dirty) {
    setBase(settings)
    setDraft(toDraft(settings))
  }
  const staleDraft = base !== settings && dirty

  const change = (patch: Partial<SettingsDraft>) => {
    setDraft((current) => ({ ...current, ...patch }))
    setDirty(true)
  }
  const reload = () => {
    setBase(settings)
    setDraft(toDraft(settings))
    setDirty(false)
    setErrors(NO_ERRORS)
  }
  const save = () => {
    const result = fromDraft(draft, year)
    if (result.errors) {
      setErrors(result.errors)
      setSaveError('设置有误，请按提示修改后再保存')
      return
    }
    try {
      writeBoardSettings(doc, result.settings)
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : '保存失败')
      return
    }
    setErrors(NO_ERRORS)
    setSaveError(undefined)
    setDirty(false)
    onSaved('设置已保存')
  }

  return (
    <div className="report-page settings-page" data-testid="settings-page">
      <header className="report-header">
        <h2>看板设置</h2>
        {!editable && (
          <p className="readonly-notice" data-testid="settings-readonly">
            只有项目办可以修改设置，您可以查看。
          </p>
        )}
      </header>
      {staleDraft && (
        <p className="stale-notice" role="status">
          其他人刚刚保存了新的设置。
          <button type="button" className="link-button" onClick={reload}>
            放弃修改并载入最新设置
          </button>
        </p>
      )}
      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
        noValidate
      >
        <fieldset className="settings-fieldsets" disabled={!editable}>
          <fieldset className="settings-group">
            <legend>年度与统计口径</legend>
            <div className="settings-grid">
              <div className="setting-field">
                <span>年度</span>
                <strong data-testid="settings-year">{year}年</strong>
                <span className="setting-hint">由看板决定，不能在此修改</span>
              </div>
              <SettingInput
                label="统计截止日期"
                type="date"
                value={draft.asOf}
                onChange={(asOf) => change({ asOf })}
                error={errors.get('asOf')}
                hint={`留空表示按当天（今天 ${today}）统计`}
                testId="settings-as-of"
              />
              <div className="setting-field" role="radiogroup" aria-label="序时进度口径">
                <span>序时进度口径</span>
                <span className="segmented">
                  {BASES.map((basis) => (
                    <label key={basis} className={draft.timeBasis === basis ? 'segment segment-on' : 'segment'}>
                      <input
                        type="radio"
                        name="time-basis"
                        value={basis}
                        checked={draft.timeBasis === basis}
                        onChange={() => change({ timeBasis: basis })}
                        data-testid={`settings-basis-${basis}`}
                      />
                      {TIME_BASIS_LABEL[basis]}
                    </label>
                  ))}
                </span>
                <span className="setting-hint">按月：已过整月数 ÷ 12；按日：已过天数 ÷ 全年天数</span>
              </div>
            </div>
          </fieldset>
          <TargetsFieldset draft={draft} errors={errors} onChange={change} />
          <MilestonesFieldset draft={draft} errors={errors} editable={editable} onChange={change} />
          <ThresholdsFieldset draft={draft} errors={errors} onChange={change} />
          <fieldset className="settings-group">
            <legend>大屏</legend>
            <div className="setting-field" role="radiogroup" aria-label="大屏地图">
              <span>项目地图</span>
              <span className="segmented">
                {WALL_MAPS.map((choice) => (
                  <label key={choice} className={draft.wallMap === choice ? 'segment segment-on' : 'segment'}>
                    <input
                      type="radio"
                      name="wall-map"
                      value={choice}
                      checked={draft.wallMap === choice}
                      onChange={() => change({ wallMap: choice })}
                      data-testid={`settings-wall-map-${choice}`}
                    />
                    {WALL_MAP_LABEL[choice]}
                  </label>
                ))}
              </span>
              <span className="setting-hint">并列：地图占月度走势的位置；替换：地图占产业结构的位置。调度会中地图突出正在汇报单位的项目</span>
            </div>
          </fieldset>
        </fieldset>
        {editable && (
          <footer className="settings-footer">
            {saveError && (
              <p className="field-error" role="alert" data-testid="settings-error">
                {saveError}
              </p>
            )}
            <button type="button" onClick={reload} disabled={!dirty}>
              撤销修改
            </button>
            <button type="submit" className="primary-button" data-testid="settings-save">
              保存设置
            </button>
          </footer>
        )}
      </form>
      {/* Its own form, saved at once over REST: the address may hold a key, so it is not in the board document. */}
      {editable && <TileServiceSettings boardId={boardId} onSaved={onSaved} />}
    </div>
  )
})
