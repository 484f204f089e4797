import { describe, expect, it } from 'vitest'
import { detectMapping, normaliseHeader } from '../../src/imports/columnMapping.ts'

const labelsOf = (headers: string[], mapping: Record<string, number>) =>
  Object.fromEntries(Object.entries(mapping).map(([field, index]) => [field, headers[index]]))

describe('detectMapping', () => {
  it('maps the Anonymous Bank contacts file', () => {
    const headers = 'contact_id,queue,priority,arrived_at,answered_at,ended_at,wait_seconds,handle_seconds,outcome,agent'.split(',')
    const { mapping, missingRequired } = detectMapping(headers, 'contacts')
    expect(missingRequired).toEqual([])
    expect(labelsOf(headers, mapping)).toEqual({
      id: 'contact_id', queue: 'queue', arrivedAt: 'arrived_at', firstResponseAt: 'answered_at', endedAt: 'ended_at',
      waitSeconds: 'wait_seconds', handleSeconds: 'handle_seconds', outcome: 'outcome', agent: 'agent',
    })
  })

  it('maps a LiveChat-style export', () => {
    const headers = ['Chat ID', 'Chat start date', 'First response at', 'Chat end date', 'Agent name', 'Group', 'Rating', 'Chat duration', 'Tags']
    const { mapping, missingRequired } = detectMapping(headers, 'contacts')
    expect(missingRequired).toEqual([])
    expect(labelsOf(headers, mapping)).toEqual({
      id: 'Chat ID', arrivedAt: 'Chat start date', firstResponseAt: 'First response at', endedAt: 'Chat end date', agent: 'Agent name',
      queue: 'Group', csat: 'Rating', handleSeconds: 'Chat duration', issueType: 'Tags',
    })
  })

  it('maps a Zendesk/Intercom-style export', () => {
    const headers = ['Conversation ID', 'Created at', 'First admin reply at', 'Closed at', 'Assignee', 'Team', 'Satisfaction', 'Customer tier']
    const { mapping } = detectMapping(headers, 'contacts')
    expect(labelsOf(headers, mapping)).toEqual({
      id: 'Conversation ID', arrivedAt: 'Created at', firstResponseAt: 'First admin reply at', endedAt: 'Closed at', agent: 'Assignee',
      queue: 'Team', csat: 'Satisfaction', customerSegment: 'Customer tier',
    })
  })

  it('maps the interval files of shared/data', () => {
    const bank = 'timestamp,volume,handled,abandoned,aht_seconds'.split(',')
    expect(labelsOf(bank, detectMapping(bank, 'intervals').mapping)).toEqual({
      intervalStart: 'timestamp', offered: 'volume', handled: 'handled', abandoned: 'abandoned', ahtSeconds: 'aht_seconds',
    })
    expect(detectMapping(['timestamp', 'volume'], 'intervals').missingRequired).toEqual([])
  })

  it('lets overrides map odd headers, uses each header once, and "-" turns a field off', () => {
    const headers = ['When', 'Picked', 'Agent', 'outcome']
    const { mapping, missingRequired } = detectMapping(headers, 'contacts', { arrivedAt: 'when', firstResponseAt: 'PICKED', outcome: '-', agent: 'no such header' })
    expect(missingRequired).toEqual([])
    expect(labelsOf(headers, mapping)).toEqual({ arrivedAt: 'When', firstResponseAt: 'Picked', agent: 'Agent' })
  })

  it('names the required fields it could not find', () => {
    const { missingRequired } = detectMapping(['when', 'count'], 'intervals')
    expect(missingRequired.map((f) => f.label)).toEqual(['Interval start', 'Offered'])
  })

  it('normalises headers to letters and digits', () => {
    expect(normaliseHeader('\uFEFFFirst Response-At (UTC)')).toBe('firstresponseatutc')
  })
})
