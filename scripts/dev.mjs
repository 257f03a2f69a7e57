// Development: the server restarts on change (tsx watch) and Vite serves the client with hot reload,
// proxying /api and /sync to the server. Open the URL Vite prints.
import { spawn } from 'node:child_process'

const children = [
  spawn('pnpm', ['--filter', '@guatu/server', 'dev'], { stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@guatu/client', 'dev'], { stdio: 'inherit' }),
]
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children)
  child.on('exit', (code) => {
    stop()
    process.exitCode = code ?? 0
  })
