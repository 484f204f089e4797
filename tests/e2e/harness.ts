/**
 * Browser-test harness, the one every e2e file uses: starts the real server (the `chatplan serve` command, as a user
 * would) on a free port with a fresh database, and Debian's chromium driven by playwright-core (`useE2eServer` does
 * both for a file), collects a page's problems (`watchPageProblems`: console errors, page errors, CSP violations,
 * failed loads) and its layout problems (sideways scroll, overlapping chart ticks).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The first admin's password on the test servers (set through CHATPLAN_ADMIN_PASSWORD, as an operator would). */
export const E2E_ADMIN_PASSWORD = 'e2e admin password'

export interface SignedInHttp {
  /** The session cookie (`name=value`) and the session's CSRF token. */
  cookie: string
  csrfToken: string
  /** Headers for fetch: the cookie and the CSRF token. */
  headers: Record<string, string>
}

export interface RunningServer {
  baseUrl: string
  dir: string
  process: ChildProcess
  stop(): Promise<void>
  /** Signs in through the sign-in form, as a browser does (admin by default). */
  signIn(username?: string, password?: string): Promise<SignedInHttp>
}

/** The value of the cookie `name` among Set-Cookie headers. */
function cookieFrom(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(line)
    if (m) return m[1]
  }
  return undefined
}

export async function signInOverHttp(baseUrl: string, username = 'admin', password = E2E_ADMIN_PASSWORD): Promise<SignedInHttp> {
  const form = await fetch(baseUrl + '/signin')
  const preSession = cookieFrom(form, 'chatplan_csrf')
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
  if (!preSession || !token) throw new Error('the sign-in page did not give a CSRF token')
  const res = await fetch(baseUrl + '/signin', {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `chatplan_csrf=${preSession}` },
    body: new URLSearchParams({ username, password, _csrf: token, next: '/' }),
  })
  const session = cookieFrom(res, 'chatplan_session')
  if (res.status !== 303 || !session) throw new Error(`signing in as ${username} failed (${res.status}): ${await res.text()}`)
  const cookie = `chatplan_session=${session}`
  const page = await (await fetch(baseUrl + '/imports', { headers: { Cookie: cookie } })).text()
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(page)?.[1]
  if (!csrfToken) throw new Error('a signed-in page has no CSRF token')
  return { cookie, csrfToken, headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken } }
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-e2e-'))
  const child = spawn(process.execPath, [join(repoRoot, 'src/cli/chatplan.mjs'), 'serve'], {
    cwd: dir,
    // The server runs in a temporary folder: tsx is pointed at the project's tsconfig (JSX runtime hono/jsx).
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'file:' + join(dir, 'e2e.db'), CHATPLAN_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 90 s:\n' + output)), 90_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /running at (http:\/\/localhost:\d+)/.exec(output)
      if (m) { clearTimeout(timer); resolve(m[1].replace('localhost', '127.0.0.1')) }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with code ${code}:\n${output}`)) })
  })
  return {
    baseUrl, dir, process: child,
    signIn: (username?: string, password?: string) => signInOverHttp(baseUrl, username, password),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000) })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * The server and browser of one e2e file: registers a `beforeAll` that starts the real server (with `env`) and
 * Debian's chromium (signed in as the admin unless `signedIn` is false) and an `afterAll` that closes both. Read
 * `server` and `browser` inside tests and hooks (they are set once the `beforeAll` has run).
 */
export function useE2eServer(env: Record<string, string> = {}, { signedIn = true }: { signedIn?: boolean } = {}): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startServer(env)
    browser = await launchBrowser(signedIn ? server : undefined)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
  return {
    get server() { if (!server) throw new Error('the e2e server is not started yet (read it inside a test or hook)'); return server },
    get browser() { if (!browser) throw new Error('the browser is not started yet (read it inside a test or hook)'); return browser },
  }
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/**
 * Debian's chromium. Given a server, every page and context it opens is signed in to that server as the admin
 * (the session cookie is set in each new context; the pages carry their own CSRF token).
 */
export async function launchBrowser(server?: RunningServer): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS })
  if (!server) return browser
  const { cookie } = await server.signIn()
  const [name, value] = cookie.split('=')
  const signedIn = async (options?: BrowserContextOptions): Promise<BrowserContext> => {
    const context = await browser.newContext(options)
    await context.addCookies([{ name, value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }])
    return context
  }
  return new Proxy(browser, {
    get(target, prop, receiver) {
      if (prop === 'newContext') return signedIn
      if (prop === 'newPage') {
        return async (options?: BrowserContextOptions) => {
          const context = await signedIn(options)
          const page = await context.newPage()
          page.once('close', () => { context.close().catch(() => { /* the browser is already closed */ }) })
          return page
        }
      }
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * Imports a CSV through the import page's form (multipart POST, as the browser sends it) and waits for the job:
 * resolves with the result page's text, or throws with it when the import did not succeed.
 */
export async function importOverHttp(server: RunningServer, auth: SignedInHttp, csv: string, fields: Record<string, string>, fileName = 'upload.csv'): Promise<string> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  form.set('file', new Blob([csv], { type: 'text/csv' }), fileName)
  const res = await fetch(server.baseUrl + '/imports', { method: 'POST', body: form, headers: auth.headers, redirect: 'manual' })
  const location = res.headers.get('location')
  if (res.status !== 303 || !location) throw new Error(`the import was refused (${res.status}): ${await res.text()}`)
  for (let i = 0; i < 600; i++) {
    const page = await (await fetch(server.baseUrl + location, { headers: auth.headers })).text()
    if (!page.includes('<progress')) {
      if (!page.includes('id="import-result" class="success"')) throw new Error(`the import did not succeed: ${page.slice(0, 3000)}`)
      return page
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the import did not finish within 2 minutes')
}

/** Creates an API token through the Tokens page (signed in as an admin) and returns its secret, shown once. */
export async function createTokenOverHttp(server: RunningServer, auth: SignedInHttp, name: string, role = 'scheduler'): Promise<string> {
  const res = await fetch(server.baseUrl + '/tokens', { method: 'POST', body: new URLSearchParams({ name, role, _csrf: auth.csrfToken }), headers: auth.headers })
  const secret = /<code id="token-secret">([^<]+)<\/code>/.exec(await res.text())?.[1]
  if (!secret) throw new Error(`no token was created (${res.status})`)
  return secret
}

/** Sends contact rows to `POST /api/v1/contacts` with a bearer token; resolves with the counts, throws on a refusal. */
export async function pushContactsOverApi(server: RunningServer, token: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<{ created: number; updated: number; unchanged: number; rejected: number }> {
  const res = await fetch(server.baseUrl + '/api/v1/contacts', { method: 'POST', body: JSON.stringify(rows), headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } })
  const body = await res.json() as { created: number; updated: number; unchanged: number; rejected: number }
  if (res.status !== 200) throw new Error(`the API refused the contacts (${res.status}): ${JSON.stringify(body).slice(0, 2000)}`)
  return body
}

/**
 * The browser's globals inside `page.evaluate` / `addInitScript` functions (the project compiles without the DOM
 * library; the functions run in the page, where these exist). Cast `globalThis` to it: a type only, nothing to ship.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface BrowserGlobals { document: any; window: any; location: any; getComputedStyle: (element: any) => any }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BrowserElement = any

/** Every problem a page met, one line each ("console error: …", "CSP violation: …", "500 http://…"); empty when it behaved. */
export type PageProblems = string[]

/**
 * The one problem collector of the browser tests. Watches a page (call before the first goto) for what a user must
 * never meet: console errors, uncaught page errors, content-security-policy violations (the
 * `securitypolicyviolation` DOM event, reported to the test through an exposed binding: the CSP forbids evaluating
 * strings, so the listener is installed with a function, not a script text), server errors (≥ 500) and scripts,
 * styles, images or fonts that fail to load. Returns the list it fills; a test asserts it is empty.
 */
export async function watchPageProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = []
  // A failed load is reported by its URL (the console message does not say which). The browser's own request for
  // /favicon.ico (made when an answer has no icon link: text, a CSV) must not fail either: the app serves the icon there.
  page.on('console', (message) => {
    if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return
    problems.push(`${page.url()}: console error: ${message.text()}${message.location().url ? ` (${message.location().url})` : ''}`)
  })
  page.on('response', (response) => {
    const failedResource = response.status() >= 400 && ['script', 'stylesheet', 'image', 'font'].includes(response.request().resourceType())
    if (response.status() >= 500 || failedResource || (response.status() >= 400 && new URL(response.url()).pathname === '/favicon.ico')) problems.push(`${response.status()} ${response.url()}`)
  })
  page.on('pageerror', (error) => problems.push(`${page.url()}: page error: ${error.message}`))
  await page.exposeFunction('__chatplanReportCsp', (text: string) => { problems.push(`CSP violation: ${text}`) })
  await page.addInitScript(() => {
    const { document, window, location } = globalThis as unknown as BrowserGlobals
    document.addEventListener('securitypolicyviolation', (event: BrowserGlobals['window']) => {
      const report = (window as unknown as { __chatplanReportCsp?: (text: string) => void }).__chatplanReportCsp
      report?.(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile || location.pathname}:${event.lineNumber} (${location.pathname})`)
    })
  })
  return problems
}

/** The page's horizontal overflow in CSS pixels (scrollWidth − clientWidth of the scrolling element; 0 when it fits). */
export async function horizontalOverflowPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as BrowserGlobals
    const root = document.scrollingElement ?? document.documentElement
    return root.scrollWidth - root.clientWidth
  })
}

/** The elements wider than the viewport (for the failure message when a page overflows): tag#id.class and width. */
export async function widestElements(page: Page, limit = 5): Promise<string[]> {
  return page.evaluate((max) => {
    const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals
    const viewport = document.documentElement.clientWidth
    const out: { text: string; right: number }[] = []
    for (const el of (Array.from(document.querySelectorAll('body *')) as BrowserElement[])) {
      const box = el.getBoundingClientRect()
      if (box.right > viewport + 1 && box.width > 0) {
        const parent = el.parentElement?.getBoundingClientRect()
        if (parent && parent.right > viewport + 1 && el.parentElement !== document.body) continue
        // Inside a box that scrolls or clips sideways (a wide table's own scroller, the navigation): not the page's overflow.
        let clipped = false
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= viewport + 1) { clipped = true; break }
        }
        if (clipped) continue
        out.push({ text: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.getAttribute('class') ? '.' + el.getAttribute('class')!.replace(/\s+/g, '.') : ''} right=${Math.round(box.right)}`, right: box.right })
      }
    }
    return out.sort((a, b) => b.right - a.right).slice(0, max).map((o) => o.text)
  }, limit)
}

/**
 * Overlapping tick labels of the charts on the page: for each chart's SVG, the axis `<text class="tick">` labels
 * that share a row (same y, within 2 px) or a column and whose rendered boxes (getBoundingClientRect) intersect.
 * Returns one line per overlapping pair ("#chart-id: '3/1' overlaps '3/2'"); empty when every label stands clear.
 */
export async function overlappingTickLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as BrowserGlobals
    const found: string[] = []
    for (const svg of (Array.from(document.querySelectorAll('svg')) as BrowserElement[])) {
      const texts = (Array.from(svg.querySelectorAll('text.tick')) as BrowserElement[]).filter((t) => (t.textContent ?? '').trim() !== '')
      const boxes = texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() })).filter((b) => b.box.width > 0)
      const name = svg.closest('[id]')?.id ?? 'chart'
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].box
          const b = boxes[j].box
          const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left)
          const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
          if (overlapX > 0.5 && overlapY > 0.5) found.push(`#${name}: '${boxes[i].text}' overlaps '${boxes[j].text}'`)
        }
      }
    }
    return found
  })
}

/**
 * What the layout gets wrong on the open page: horizontal scroll (at widths up to 1024 px, where it must not happen)
 * and overlapping chart tick labels. One line per problem, prefixed with the page's path and width.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  const width = page.viewportSize()?.width ?? 0
  const where = `${new URL(page.url()).pathname} at ${width} px`
  const out: string[] = []
  if (width <= 1024) {
    const overflow = await horizontalOverflowPx(page)
    if (overflow > 0) out.push(`${where}: ${overflow} px wider than the screen (${(await widestElements(page)).join(', ')})`)
  }
  for (const overlap of await overlappingTickLabels(page)) out.push(`${where}: ${overlap}`)
  return out
}

/** Opens `url` at each width in a fresh page and returns every console error, CSP violation and layout problem. */
export async function pageProblemsAtWidths(browser: Browser, url: string, widths: readonly number[] = [390, 1024, 1280]): Promise<string[]> {
  const out: string[] = []
  for (const width of widths) {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    const problems = await watchPageProblems(page)
    await page.goto(url)
    await page.waitForLoadState('networkidle')
    out.push(...await layoutProblems(page), ...problems)
    await page.close()
  }
  return out
}

/** Signs `page` in through the sign-in form (its context has no session yet), as a person does; waits to leave /signin. */
export async function signInInBrowser(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl + '/signin')
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/signin')), page.click('button[type=submit]')])
}
