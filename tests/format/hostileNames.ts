/** Names a hostile user types into every name field: each must come out of every CSV export neutralised. */
export const HOSTILE_NAMES = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", '@SUM(A1:A9)', '-2+3', '\tTAB', '\rCR'] as const
