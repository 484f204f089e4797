/** The sign-in page: account name and password; a hint for the demo; the reason when sign-in was refused. */
import { Layout } from '../Layout.tsx'

export interface SignInPageProps { next: string; username?: string; error?: string; demoHint?: boolean }

export function SignInPage({ next, username = '', error, demoHint }: SignInPageProps) {
  return (
    <Layout title="Sign in" bare>
      <h1>Sign in</h1>
      {error ? <p class="errors" role="alert" id="signin-error">{error}</p> : null}
      <form method="post" action="/signin" class="signin" id="signin-form">
        <input type="hidden" name="next" value={next} />
        <label>Account<input name="username" value={username} autocomplete="username" required maxlength={64} autofocus /></label>
        <label>Password<input type="password" name="password" autocomplete="current-password" required maxlength={1024} /></label>
        <button type="submit">Sign in</button>
      </form>
      {demoHint ? (
        <p class="notice" id="signin-hint">
          First time here? The first start created the account <strong>admin</strong>. Its password is the value of
          CHATPLAN_ADMIN_PASSWORD, or the one printed once in the server's log at that first start
          (&ldquo;Created the first account: admin / …&rdquo;). Once signed in, an admin adds accounts on the Users page.
        </p>
      ) : null}
    </Layout>
  )
}
