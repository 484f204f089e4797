import { describe, expect, it } from 'vitest'
import { DayFold, RestFold } from '../../../views/components/Fold.tsx'
import { withDateStyle } from '../../../src/format/dateTime.ts'

describe('folds for long pages (no JavaScript needed)', () => {
  it('folds a day under a summary line with its date in the team style', () => {
    const html = String(<DayFold dateKey="2003-10-27" open summary="35,607 contacts · peak 323 agents"><table><tbody><tr><td>07:00</td></tr></tbody></table></DayFold>)
    expect(html).toBe('<details class="fold day-fold" data-day="2003-10-27" open=""><summary>Mon 2003-10-27 <span class="muted">· 35,607 contacts · peak 323 agents</span></summary><div class="fold-body"><table><tbody><tr><td>07:00</td></tr></tbody></table></div></details>')
    const closed = withDateStyle('dmy', () => String(<DayFold dateKey="2003-10-28">x</DayFold>))
    expect(closed).toContain('<details class="fold day-fold" data-day="2003-10-28"><summary>Tue 28/10/2003</summary>')
  })

  it('puts the rest of a long list under "Show all", and nothing when nothing is hidden', () => {
    expect(String(<RestFold hidden={1234} what="long chats"><p>rows</p></RestFold>)).toBe('<details class="fold rest-fold"><summary>Show all: 1,234 more long chats</summary><div class="fold-body"><p>rows</p></div></details>')
    expect(String(<>{RestFold({ hidden: 0, what: 'agents' })}</>)).toBe('')
  })
})
