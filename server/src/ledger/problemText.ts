import {
  PROBLEM_CATEGORY_LABEL,
  PROBLEM_STATUS_LABEL,
  ProblemCategory,
  ProblemStatus,
  problemCategoryFromLabel,
  type Problem,
} from '@guatu/shared/domain/problem'
import { parseLedgerDate } from './parseDate.ts'
import type { LedgerProblem } from './ledgerTypes.ts'

/**
 * Keyword → category, tried in order: 征地拆迁 before 土地 (征地 is about people to resettle, not
 * land quota), 环评 before 审批 (an EIA is an approval, but offices count it apart).
 */
const CATEGORY_KEYWORDS: readonly (readonly [RegExp, ProblemCategory])[] = [
  [/征地|拆迁|征收|搬迁|补偿|群众诉求/, ProblemCategory.demolition],
  [/环评|环保|能评|排污|环境影响/, ProblemCategory.environment],
  [/规划|设计方案|控规/, ProblemCategory.planning],
  [/资金|融资|贷款|专项债|到位/, ProblemCategory.funding],
  [/土地|用地|地块|指标|林地|耕地|土地证/, ProblemCategory.land],
  [/审批|手续|立项|批复|许可|备案|核准|施工许可/, ProblemCategory.approval],
  [/水|电|路|配套|管网|燃气|供热|通讯/, ProblemCategory.utilities],
]

/** Guesses a problem's category from its words; 其他 when nothing fits. */
export function guessProblemCategory(text: string): ProblemCategory {
  return CATEGORY_KEYWORDS.find(([pattern]) => pattern.test(text))?.[1] ?? ProblemCategory.other
}

const STATUS_FROM_LABEL: Record<string, ProblemStatus> = {
  [PROBLEM_STATUS_LABEL.open]: ProblemStatus.open,
  [PROBLEM_STATUS_LABEL.solved]: ProblemStatus.solved,
  已销号: ProblemStatus.solved,
  未销号: ProblemStatus.open,
  已办结: ProblemStatus.solved,
  未办结: ProblemStatus.open,
}

/** Numbered items ("1." "2、" "（3）") start a new problem; "1.2亿" does not. */
const NUMBERING = /(?:^|(?<=[\s。，,]))[（(]?\d{1,2}[)）、．.](?!\d)\s*/

/**
 * Splits a 存在问题 cell into problems: one per line, per ；-separated or numbered item. An item
 * may carry our export's structure, "[土地] 用地指标未落实（自然资源局，2022-09-30前，未解决）"
 * (【】 brackets as well); a plain item becomes an open problem with a guessed category.
 */
export function parseProblemCell(text: string, year: number): LedgerProblem[] {
  const items = text
    .split(/\r?\n|[；;]/)
    .flatMap((line) => line.split(NUMBERING))
    .map((item) =>
      item
        .trim()
        .replace(/[。.]$/, '')
        .trim(),
    )
    .filter((item) => item !== '' && !/^(无|暂无|无问题|—|-)$/.test(item))
  return items.map((item) => parseProblemItem(item, year)).filter((problem) => problem.description !== '')
}

function parseProblemItem(item: string, year: number): LedgerProblem {
  let rest = item
  let category: ProblemCategory | undefined
  const prefix = /^[[【]([^\]】]{1,8})[\]】]\s*/.exec(rest)
  if (prefix) {
    category = problemCategoryFromLabel(prefix[1] ?? '') ?? guessProblemCategory(prefix[1] ?? '')
    rest = rest.slice(prefix[0].length)
  }
  const problem: LedgerProblem = { category: ProblemCategory.other, description: '', leadUnit: '' }
  const meta = /[（(]([^（）()]*)[)）]$/.exec(rest)
  const parts = meta?.[1]?.split(/[，,]/).map((part) => part.trim()) ?? []
  const status = STATUS_FROM_LABEL[parts.at(-1) ?? '']
  if (meta && status) {
    problem.status = status
    for (const part of parts.slice(0, -1)) {
      const deadline = parseLedgerDate({ text: part.replace(/(之)?前$/, '') }, year)
      if (deadline.kind === 'date') problem.deadline = deadline.date
      else if (part !== '') problem.leadUnit = part
    }
    rest = rest.slice(0, meta.index)
  }
  problem.description = rest.trim()
  problem.category = category ?? guessProblemCategory(problem.description)
  return problem
}

/** One line per problem, the way parseProblemCell reads it back. */
export function formatProblemLine(problem: Pick<Problem, 'category' | 'description' | 'leadUnit' | 'deadline' | 'status'>): string {
  const meta = [problem.leadUnit, problem.deadline ? `${problem.deadline}前` : '', PROBLEM_STATUS_LABEL[problem.status]]
  return `[${PROBLEM_CATEGORY_LABEL[problem.category]}] ${problem.description}（${meta.filter((part) => part !== '').join('，')}）`
}
