import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import './styles/base.css'
import './styles/board.css'
import './styles/panel.css'
import './styles/presence.css'

const container = document.getElementById('root')
if (!container) throw new Error('页面缺少 #root 容器')

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
