import type { Db } from '../db/client.ts'
import type { JobRegistry } from './jobs.ts'

/** What every route module gets: the database and the background-job registry. */
export interface WebDeps {
  db: Db
  jobs: JobRegistry
  /** Folder for uploaded files while they are imported. */
  uploadDir: string
}
