/** The two things the ledger CLI does. */
export const CliCommand = {
  import: 'import',
  export: 'export',
} as const
export type CliCommand = (typeof CliCommand)[keyof typeof CliCommand]

export interface CliOptions {
  command: CliCommand
  /** import: the .xlsx to upload. */
  file?: string
  board: string
  url: string
  token: string
  dryRun: boolean
  /** export: where to write the workbook. */
  out?: string
}

export const DEFAULT_URL = 'http://127.0.0.1:8080'

export const USAGE = `用法：
  guatu-ledger import <台账.xlsx> --board <看板ID> --url ${DEFAULT_URL} --token <API令牌> [--dry-run]
  guatu-ledger export --board <看板ID> --url ${DEFAULT_URL} --token <API令牌> --out <台账.xlsx>
令牌也可通过环境变量 GUATU_TOKEN 提供。`

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Reads argv (without node and the script); throws UsageError with a Chinese message. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): CliOptions {
  const [command, ...rest] = argv
  if (command !== CliCommand.import && command !== CliCommand.export) throw new UsageError(`未知命令：${command ?? '（空）'}`)
  const flags = new Map<string, string>()
  const positional: string[] = []
  let dryRun = false
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index] as string
    if (arg === '--dry-run') dryRun = true
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
      const value = inline ?? rest[++index]
      if (value === undefined) throw new UsageError(`参数 --${name} 缺少取值`)
      flags.set(name, value)
    } else positional.push(arg)
  }
  const unknown = [...flags.keys()].filter((name) => !['board', 'url', 'token', 'out'].includes(name))
  if (unknown.length > 0) throw new UsageError(`未知参数：--${unknown.join('、--')}`)
  const board = flags.get('board')
  const token = flags.get('token') ?? env.GUATU_TOKEN
  if (!board) throw new UsageError('缺少 --board <看板ID>')
  if (!token) throw new UsageError('缺少 --token <API令牌>（或环境变量 GUATU_TOKEN）')
  const options: CliOptions = { command, board, token, url: (flags.get('url') ?? DEFAULT_URL).replace(/\/+$/, ''), dryRun }
  if (command === CliCommand.import) {
    if (positional.length !== 1) throw new UsageError('请指定一个要导入的 .xlsx 文件')
    options.file = positional[0]
  } else {
    const out = flags.get('out')
    if (!out) throw new UsageError('缺少 --out <保存路径.xlsx>')
    options.out = out
  }
  return options
}
