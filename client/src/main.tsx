import './app/zodWithoutEval.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { keepSessionAliveWhileUsed } from './auth/keepSessionAlive.ts'
import { loadSession } from './auth/session.ts'
// The bundled CJK face, last in the board's font list (base.css): a machine with PingFang, YaHei or
// Noto CJK never downloads it; one without any CJK font (a fresh 信创 install) draws Chinese with
// it instead of empty boxes. The wall screen puts it first (screen.css).
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles/base.css'
import './styles/board.css'
import './styles/panel.css'
import './styles/presence.css'
import './styles/auth.css'
import './styles/admin.css'
import './styles/filter.css'
import './styles/problems.css'
import './styles/ledger.css'
import './styles/supervision.css'
import './styles/meetingRoom.css'

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
