import { CHINA_BOUNDS, withinChina } from '../domain/coordinates.ts'

/** A ledger cell as the server reads it (server/src/ledger/cellText.ts): its text, and its number when it is one. */
export interface DegreeCell {
  text: string
  number?: number
}

/**
 * 经度/纬度 as ledgers write them (and as the panel's paste box takes them): two columns of degrees ("108.9412", "108°54′28″", "东经108.9"),
 * or one column holding both ("E108.9 N34.2", "108.9,34.2", "东经108°54′ 北纬34°12′"). Nothing is
 * guessed silently: a pair without letters is read as 经度 then 纬度 and the preview says so; a
 * pair that only fits China swapped is refused with that suspicion, never swapped quietly.
 */
export type CoordinateReading =
  { kind: 'point'; lng: number; lat: number; /** How it was read, for the preview (rule 6). */ how: string } | { kind: 'error'; message: string }

type Axis = 'lng' | 'lat'
interface Component {
  value: number
  axis?: Axis
}

/** One coordinate: an optional hemisphere word or letter, degrees, optional minutes and seconds, an optional trailing letter. */
const COMPONENT =
  /(东经|西经|北纬|南纬|[EWNSewns])?\s*(-?\d{1,3}(?:\.\d+)?)(?:\s*[°度]\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′’分]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*(?:″|"|”|秒|'')\s*)?)?([EWNSewns](?![A-Za-z]))?/g
/** What may stand between and around the two coordinates. */
const SEPARATORS = /^[\s,，;；/、|]*$/

function hemisphere(text: string | undefined): { axis?: Axis; sign: 1 | -1 } {
  switch (text?.toUpperCase()) {
    case '东经':
    case 'E':
      return { axis: 'lng', sign: 1 }
    case '西经':
    case 'W':
      return { axis: 'lng', sign: -1 }
    case '北纬':
    case 'N':
      return { axis: 'lat', sign: 1 }
    case '南纬':
    case 'S':
      return { axis: 'lat', sign: -1 }
    default:
      return { sign: 1 }
  }
}

/** The coordinates in `text`, or undefined when anything else is there besides separators. */
function components(text: string): Component[] | undefined {
  const found: Component[] = []
  let rest = text
  for (const match of text.matchAll(COMPONENT)) {
    const [whole, before, degrees, minutes, seconds, after] = match
    const lead = hemisphere(before)
    const trail = hemisphere(after)
    if (lead.axis && trail.axis) return undefined
    const { axis, sign } = lead.axis ? lead : trail
    if (Number(minutes ?? 0) >= 60 || Number(seconds ?? 0) >= 60) return undefined
    const wholeDegrees = Number(degrees)
    // A minus sign is a western or southern hemisphere, as a letter would be: minutes add away from zero.
    const magnitude = Math.abs(wholeDegrees) + Number(minutes ?? 0) / 60 + Number(seconds ?? 0) / 3600
    const value = sign * Math.sign(wholeDegrees || 1) * magnitude
    found.push(axis ? { value, axis } : { value })
    rest = rest.replace(whole, ' ')
  }
  return SEPARATORS.test(rest) ? found : undefined
}

const show = (text: string) => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`

/** Judges a pair against China, naming a swap when only the swapped pair fits. */
function judge(lng: number, lat: number, quoted: string, how: string): CoordinateReading {
  if (withinChina(lng, lat)) return { kind: 'point', lng: round(lng), lat: round(lat), how }
  if (withinChina(lat, lng)) return { kind: 'error', message: `坐标${quoted}疑似经纬度填反（经度 ${lng}，纬度 ${lat}），未导入坐标，请核对后重新填写` }
  return {
    kind: 'error',
    message: `坐标${quoted}不在中国境内（经度${CHINA_BOUNDS.minLng}–${CHINA_BOUNDS.maxLng}，纬度${CHINA_BOUNDS.minLat}–${CHINA_BOUNDS.maxLat}），未导入坐标；投影坐标（米）须先换算为经纬度`,
  }
}

/** Seven decimals: about a centimetre, finer than any survey a county holds. */
const round = (value: number) => Math.round(value * 1e7) / 1e7

/** One column holding both coordinates. */
export function readCoordinateText(text: string): CoordinateReading {
  const quoted = show(text)
  const found = components(text)
  if (!found || found.length !== 2)
    return { kind: 'error', message: `坐标${quoted}无法识别：请写作“E108.9412 N34.2610”“108.9412,34.2610”或“东经108°54′ 北纬34°12′”` }
  const [first, second] = found as [Component, Component]
  if (first.axis && second.axis) {
    if (first.axis === second.axis) return { kind: 'error', message: `坐标${quoted}写了两个${first.axis === 'lng' ? '经度' : '纬度'}，未导入坐标` }
    const lng = first.axis === 'lng' ? first : second
    const lat = first.axis === 'lng' ? second : first
    return judge(lng.value, lat.value, quoted, `坐标按${quoted}中标明的经度、纬度读取`)
  }
  if (first.axis || second.axis) {
    const marked = first.axis ? first : second
    const other = first.axis ? second : first
    const [lng, lat] = marked.axis === 'lng' ? [marked.value, other.value] : [other.value, marked.value]
    return judge(lng, lat, quoted, `坐标按${quoted}读取，未标明的一个按${marked.axis === 'lng' ? '纬度' : '经度'}读取`)
  }
  return judge(first.value, second.value, quoted, `坐标${quoted}未标明经纬，按“经度,纬度”的顺序读取`)
}

/** One 经度 or 纬度 cell: degrees as a number, or text with degrees, minutes, seconds and a letter. */
export function readDegreeCell(cell: DegreeCell, axis: Axis): { kind: 'degrees'; value: number } | { kind: 'error'; message: string } {
  const label = axis === 'lng' ? '经度' : '纬度'
  if (cell.number !== undefined && Number.isFinite(cell.number)) return { kind: 'degrees', value: cell.number }
  const found = components(cell.text)
  if (!found || found.length !== 1) return { kind: 'error', message: `${label}${show(cell.text)}无法识别，未导入坐标` }
  const [only] = found as [Component]
  if (only.axis && only.axis !== axis)
    return { kind: 'error', message: `${label}列中写的是${only.axis === 'lng' ? '经度' : '纬度'}${show(cell.text)}，未导入坐标，请核对` }
  return { kind: 'degrees', value: only.value }
}

/** The two columns' degrees, judged as a pair. */
export function readCoordinateColumns(lngCell: DegreeCell, latCell: DegreeCell): CoordinateReading {
  const lng = readDegreeCell(lngCell, 'lng')
  if (lng.kind === 'error') return lng
  const lat = readDegreeCell(latCell, 'lat')
  if (lat.kind === 'error') return lat
  return judge(lng.value, lat.value, show(`${lngCell.text}, ${latCell.text}`), '坐标取自经度、纬度两列')
}
