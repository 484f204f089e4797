/**
 * The shared bounds of every input (forms, API, CLI): one schema per input family. Import from here.
 * See bounds.ts for the helpers (numberInput, textInput, rangeMessage) and each family's file for its figures.
 */
export * from './bounds.ts'
export * from './staffingSettings.ts'
export * from './shiftTemplates.ts'
export * from './agents.ts'
export * from './queues.ts'
export * from './events.ts'
export * from './scenarios.ts'
export * from './users.ts'
export * from './queryParams.ts'
export * from './rows.ts'
export * from './solver.ts'
export * from './rosterRequests.ts'
