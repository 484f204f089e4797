/** "How this is computed" for every figure of the KPI page and the `chatplan kpis` output, in one place. */
export const KPI_DEFINITIONS = {
  range: 'Contacts are counted by the local date (queue time zone) on which they joined the queue, from the first to the last date of the range, both included.',
  offered: 'Contacts offered: every contact that joined the queue in the range (answered + abandoned).',
  firstResponse: 'First response time: from joining the queue to the first agent reply (for call data: the queue wait). Median, 90th and 95th percentile over answered contacts only (R-7 percentiles: linear interpolation between order statistics, as R, numpy and Excel PERCENTILE.INC).',
  withinThreshold: 'Answered within SLA: contacts answered with a wait of at most the threshold ÷ all contacts offered (abandoned contacts count as not answered in time).',
  businessHours: "Business hours: contacts that joined the queue within the queue's opening hours (local time); all hours: every contact.",
  abandonment: 'Abandonment rate: contacts that left before an agent answered ÷ contacts offered.',
  resolution: 'Resolution rate: contacts marked resolved on first contact ÷ contacts where resolution is recorded.',
  csat: 'CSAT: survey answers of 4 or 5 (on 1–5) ÷ all survey answers in the range; the count of answers is shown beside it.',
  nps: 'NPS: % promoters (9–10) − % detractors (0–6) among answers on the 0–10 scale, in points from −100 to 100.',
  aht: 'Handle time (AHT): first response to end of the contact, over answered contacts with a recorded handle time; mean and median (R-7).',
  concurrency: 'Chats held at once: per agent, the chats whose first-response-to-end spans overlap. Average = total handle time ÷ time holding at least one chat; peak = most held at one moment. Back-to-back chats do not overlap.',
  workload: 'Workload: total handle time ÷ length of the range, i.e. the mean number of chats being handled at any moment (Erlangs). Occupancy needs staffed hours, which contact records do not hold.',
  volume: 'Volume: contacts offered per local hour; the heatmap shows the mean per hour over the dates of the range that fall on each weekday.',
  trend: 'Trend: the same figures for the same number of days just before the range.',
  segments: 'Segments: the same figures per queue, issue type and customer segment (mean wait instead of percentiles). Missing values are grouped as (none).',
  agents: "Agents: each agent's balanced set beside the team median (the median over agents). Sorted by name; not a ranking.",
  longChats: 'Long chats: per issue type, a handle time above median + (3.5 ÷ 0.6745) × MAD (modified z-score above 3.5, Iglewicz & Hoaglin); when MAD is 0, 1.253314 × the mean absolute deviation is used. Types with fewer than 20 handled chats are not checked.',
  correlation: "CSAT against handle time and wait: survey answers in bins at quantiles of the surveyed contacts' durations (about equal numbers per bin), with Pearson's r over all answers.",
  balance: 'Balanced pairs, week on week (whole Monday–Sunday weeks inside the range): a warning when one metric of a pair improves while its partner worsens (AHT −3% or more vs CSAT or resolution −2 points or more; median first response −5% or more vs abandonment +1 point or more), each value resting on at least 30 contacts.',
} as const

export type KpiDefinitionKey = keyof typeof KPI_DEFINITIONS
