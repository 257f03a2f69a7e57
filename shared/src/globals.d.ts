// shared/ runs in browsers and in Node 20; both provide these globals. Only what shared/ uses is
// declared here, for shared's own typecheck (client and server see the full platform types).
declare const crypto: { randomUUID(): string }

declare class URLSearchParams {
  constructor(init?: string | Record<string, string>)
  readonly size: number
  append(name: string, value: string): void
  set(name: string, value: string): void
  get(name: string): string | null
  getAll(name: string): string[]
  toString(): string
}

declare class URL {
  constructor(url: string, base?: string)
  readonly protocol: string
  readonly username: string
  readonly password: string
  readonly host: string
  readonly origin: string
}
