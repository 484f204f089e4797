/**
 * Passwords that are refused whatever their length: the most common ones in breach corpora (the top of the
 * SecLists "10k most common" list that are 10 characters or longer, plus the well-known keyboard walks), and any
 * password made of one repeated character or a plain run of the keyboard or the alphabet (aaaaaaaaaa, 1234567890,
 * qwertyuiop, abcdefghij). NIST SP 800-63B asks for exactly this check.
 */
const COMMON = new Set([
  '1234567890', '0987654321', '12345678910', '123456789a', 'a123456789', '1q2w3e4r5t', '1q2w3e4r5t6y', 'qwertyuiop', 'qwertyuiop123',
  'asdfghjkl;', 'asdfghjkl1', 'zxcvbnm123', '1qaz2wsx3edc', 'qazwsxedcrfv', 'password12', 'password123', 'password1234', 'password!',
  'passw0rd123', 'p@ssw0rd123', 'iloveyou123', 'letmein123', 'welcome123', 'welcome1234', 'admin12345', 'admin123456', 'administrator',
  'changeme123', 'qwerty12345', 'qwerty123456', 'football123', 'baseball123', 'sunshine123', 'princess123', 'monkey12345', 'dragon12345',
  'trustno1234', 'superman123', 'starwars123', 'whatever123', 'computer123', 'internet123', 'chatplan123', 'chatplan1234', 'correcthorsebatterystaple',
  'qwertyqwerty', 'abc1234567', 'abcd123456', 'abcdef1234', '11111111111', '1111111111', '0000000000', '1234512345', '1212121212',
  'myspace123', 'michael123', 'jennifer123', 'password01', 'password00', 'passwordpassword', 'liverpool1', 'chocolate1', 'basketball',
  'basketball1', 'pokemon123', 'blink182182', 'spiderman1', 'babygirl12', 'loveyou123', 'secret1234', 'master1234', 'hello12345',
])

const RUNS = ['01234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv5tgb']

/** True for a password that is common or trivially guessable (compared without case). */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase()
  if (COMMON.has(p)) return true
  if (/^(.)\1*$/.test(p)) return true // one character repeated
  if (/^(.{1,3})\1+$/.test(p)) return true // a short group repeated (ababab…, 123123…)
  for (const run of RUNS) {
    const reversed = [...run].reverse().join('')
    if (run.includes(p) || reversed.includes(p)) return true
  }
  return false
}
