import { memo, useEffect, useId, useState } from 'react'
import { TILE_ATTRIBUTION_MAX_LENGTH, TILE_URL_MAX_LENGTH } from '@guatu/shared/domain/tileService'
import { ApiError } from '../api/http.ts'
import { fetchTileService, saveTileService } from '../map/tileServiceApi.ts'

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'saving' } | { kind: 'error'; message: string }

/**
 * 底图服务, the project office's alone (the server refuses anyone else and shows no one else the
 * address): the tile service's address and its attribution, saved or switched off through the
 * REST endpoint. Off by default; the address is judged on the server and its Chinese reason shown
 * here, with what was typed kept.
 */
export const TileServiceSettings = memo(function TileServiceSettings({ boardId, onSaved }: { boardId: string; onSaved: (message: string) => void }) {
  const urlId = useId()
  const attributionId = useId()
  const [urlTemplate, setUrlTemplate] = useState('')
  const [attribution, setAttribution] = useState('')
  const [configured, setConfigured] = useState(false)
  const [status, setStatus] = useState<Status>({ kind: 'loading' })

  useEffect(() => {
    const abort = new AbortController()
    fetchTileService(boardId, abort.signal).then(
      (service) => {
        setUrlTemplate(service.urlTemplate ?? '')
        setAttribution(service.attribution)
        setConfigured(service.configured)
        setStatus({ kind: 'ready' })
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setStatus({ kind: 'error', message: error instanceof Error ? error.message : '底图服务设置加载失败' })
      },
    )
    return () => abort.abort()
  }, [boardId])

  const save = async (service: { urlTemplate: string; attribution: string } | null) => {
    setStatus({ kind: 'saving' })
    try {
      const saved = await saveTileService(boardId, service)
      setConfigured(saved.configured)
      if (!saved.configured) setUrlTemplate('')
      setStatus({ kind: 'ready' })
      onSaved(saved.configured ? '底图服务已保存' : '已关闭底图')
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof ApiError || error instanceof Error ? error.message : '保存失败' })
    }
  }

  const busy = status.kind === 'loading' || status.kind === 'saving'
  return (
    <form
      className="settings-group tile-service-settings"
      data-testid="tile-service-settings"
      data-configured={configured}
      onSubmit={(event) => {
        event.preventDefault()
        void save({ urlTemplate, attribution })
      }}
      noValidate
    >
      <h3>底图服务（可选）</h3>
      <p className="setting-hint">
        默认不使用在线底图：地图只画县界、乡镇边界和项目位置，政务外网、内网断开互联网时也能用。有天地图或内网 GIS 底图服务时可填写其瓦片地址（XYZ 的{' '}
        {'{z}/{x}/{y}'}，或 WMTS 的 {'{TileMatrix}/{TileRow}/{TileCol}'}），由本系统服务器代为读取并缓存，地址和密钥不会发到其他用户的浏览器。
        天地图须向天地图申请本单位自己的密钥（tk），并使用球面墨卡托（_w）图层；断网环境请留空。
      </p>
      <div className="setting-field">
        <label htmlFor={urlId}>底图服务地址</label>
        <input
          id={urlId}
          className="tile-service-url"
          type="url"
          value={urlTemplate}
          maxLength={TILE_URL_MAX_LENGTH}
          placeholder="https://t{0-7}.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=您的密钥"
          onChange={(event) => setUrlTemplate(event.target.value)}
          // Until the stored address is in, typing would be overwritten by it.
          disabled={status.kind === 'loading'}
          aria-invalid={status.kind === 'error' ? true : undefined}
          data-testid="tile-service-url"
        />
      </div>
      <div className="setting-field">
        <label htmlFor={attributionId}>版权说明</label>
        <input
          id={attributionId}
          type="text"
          value={attribution}
          maxLength={TILE_ATTRIBUTION_MAX_LENGTH}
          placeholder="如：审图号：GS(2024)0568号"
          onChange={(event) => setAttribution(event.target.value)}
          disabled={status.kind === 'loading'}
          data-testid="tile-service-attribution"
        />
        <span className="setting-hint">显示在地图角落；天地图须注明审图号</span>
      </div>
      {status.kind === 'error' && (
        <p className="field-error" role="alert" data-testid="tile-service-error">
          {status.message}
        </p>
      )}
      <div className="tile-service-actions">
        <span className="setting-hint" data-testid="tile-service-state">
          {status.kind === 'loading' ? '正在读取…' : configured ? '底图已启用' : '未使用底图'}
        </span>
        <button type="button" onClick={() => void save(null)} disabled={busy || !configured} data-testid="tile-service-off">
          关闭底图
        </button>
        <button type="submit" className="primary-button" disabled={busy} data-testid="tile-service-save">
          保存
        </button>
      </div>
    </form>
  )
})
