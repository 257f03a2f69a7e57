import { memo, useState } from 'react'

/**
 * 项目名称 search. The box keeps what is typed (the address trims spaces, which would eat the
 * space between two words mid-typing) and follows the address only when it changes from outside,
 * e.g. 清除筛选.
 */
export const SearchBox = memo(function SearchBox({ value, onChange }: { value: string; onChange: (next: string) => void }) {
  const [draft, setDraft] = useState(value)
  const [seen, setSeen] = useState(value)
  if (seen !== value) {
    setSeen(value)
    if (draft.trim() !== value.trim()) setDraft(value)
  }
  return (
    <label className="filter-search">
      <span className="sr-only">按项目名称搜索</span>
      <input
        type="search"
        value={draft}
        placeholder="搜索项目名称"
        data-testid="filter-search"
        onChange={(event) => {
          setDraft(event.target.value)
          onChange(event.target.value)
        }}
      />
    </label>
  )
})
