import type { Db } from '../db/client.ts'
import type { JobRegistry } from './jobs.ts'
import type { SignInThrottle } from '../auth/signInThrottle.ts'
import type { UploadSlots } from './uploads.ts'

/** What every route module gets: the database and the background-job registry. */
export interface WebDeps {
  db: Db
  jobs: JobRegistry
  /** Folder for uploaded files while they are imported. */
  uploadDir: string
  /** Sign-in slow-down per address and account (shared by /signin and the users page's unlock). */
  signInThrottle?: SignInThrottle
  /** Concurrent-import slots and the sweep of abandoned uploads in uploadDir. */
  uploads?: UploadSlots
}
