/** The page a signed-in user gets for a page their role may not open (403): the message, with the navigation. */
import { Layout, renderPage } from './Layout.tsx'

export function forbiddenPageHtml(message: string): string {
  return renderPage(
    <Layout title="Not allowed">
      <h1>Not allowed</h1>
      <p class="errors" role="alert" id="forbidden">{message}</p>
      <p><a href="/">Back to the dashboard</a></p>
    </Layout>,
  )
}
