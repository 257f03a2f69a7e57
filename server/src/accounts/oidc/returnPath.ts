const THIS_SITE = 'http://guatu.invalid'
const HOME = '/'
/** Longer is no page of Guatu's; the limit also keeps a stored sign-in small. */
const MAX_RETURN_PATH_LENGTH = 512

/**
 * The page to open after signing in, from a `returnTo` anyone can put in a link: only a path of
 * this site, never another origin (`//evil`, `/\evil`, `https://evil`, `javascript:`), never an
 * API or the login page itself. Anything else is the board list.
 */
export function safeReturnPath(requested: string | undefined): string {
  if (!requested || requested.length > MAX_RETURN_PATH_LENGTH || !requested.startsWith('/')) return HOME
  // Browsers read `\` as `/` and drop tabs and newlines, so `/\evil.example` would leave the site.
  if (requested.includes('\\') || /\p{Cc}/u.test(requested)) return HOME
  let url: URL
  try {
    url = new URL(requested, THIS_SITE)
  } catch {
    return HOME
  }
  if (url.origin !== THIS_SITE) return HOME
  // `/.//evil.example` normalises to `//evil.example`, which a browser reads as another site.
  if (url.pathname.startsWith('//')) return HOME
  if (url.pathname.startsWith('/api/') || url.pathname === '/login') return HOME
  return `${url.pathname}${url.search}${url.hash}`
}
