import './app/zodWithoutEval.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { keepSessionAliveWhileUsed } from './auth/keepSessionAlive.ts'
import { loadSession } from './auth/session.ts'
// Each feature imports its own stylesheet; they are listed here as well, before the App import,
// only to fix the cascade order: tokens, then the base layer, then the features, and last the
// readable-controls and compact-laptop layer (meetingRoom.css), which overrides features, and after
// it the full board at phone width (phone/fullBoard.css), which overrides that layer on a phone.
// The bundled CJK face, last in the board's font list (tokens.css): a machine with PingFang, YaHei or
// Noto CJK never downloads it; one without any CJK font (a fresh 信创 install) draws Chinese with
// it instead of empty boxes. The wall screen puts it first.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles/tokens.css'
import './styles/base.css'
import './app/boardPage.css'
import './board/card.css'
import './project-panel/panel.css'
import './presence/presence.css'
import './auth/auth.css'
import './admin/admin.css'
import './reminders/reminders.css'
import './filter/filter.css'
import './problems/problems.css'
import './ledger/ledger.css'
import './lights/lights.css'
import './notices/notices.css'
import './review/review.css'
import './app/reportPage.css'
import './progress/progress.css'
import './ranking/ranking.css'
import './settings/settings.css'
import './meeting/meeting.css'
import './lookback/lookback.css'
import './reserve/reserve.css'
import './years/years.css'
import './phone/phone.css'
import './map/map.css'
import './styles/meetingRoom.css'
import './phone/fullBoard.css'
import { App } from './app/App.tsx'

const container = document.getElementById('root')
if (!container) throw new Error('页面缺少 #root 容器')

// Asked once per page load, before the first render, rather than from an effect that StrictMode runs twice.
void loadSession()
keepSessionAliveWhileUsed()

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
