import './app/zodWithoutEval.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { keepSessionAliveWhileUsed } from './auth/keepSessionAlive.ts'
import { loadSession } from './auth/session.ts'
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
import './styles/lookback.css'
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
