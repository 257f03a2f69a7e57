/**
 * A tile service's address as the security audit log shows it: host, path and parameter names kept,
 * every parameter value that is not a placeholder masked to its last characters (天地图's `tk=` is
 * a key the office pays for), like the reminder channels' masked robot addresses.
 */
export function maskedTileTemplate(template: string): string {
  const at = template.indexOf('?')
  if (at < 0) return template
  const parameters = template
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals < 0) return pair
      const value = pair.slice(equals + 1)
      if (/^\{[A-Za-z]+\}$/.test(value) || value === '') return pair
      return `${pair.slice(0, equals)}=…${value.length > 8 ? value.slice(-4) : ''}`
    })
  return `${template.slice(0, at)}?${parameters.join('&')}`
}
