/** The login page's words: zh-CN by default, English when `ui_locales` asks for it. */
const WORDS = {
  'zh-CN': {
    title: '登录 · 一窗通办',
    heading: '登录一窗通办',
    username: '用户名',
    password: '密码',
    submit: '登录',
    other: 'English',
    badCredentials: '用户名或密码错误。',
  },
  en: {
    title: 'Sign in · OneWindow',
    heading: 'Sign in to OneWindow',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    other: '中文',
    badCredentials: 'Invalid username or password.',
  },
} as const;

export type LoginLocale = keyof typeof WORDS;

/** `ui_locales` is a space-separated preference list (OIDC Core §3.1.2.1); the first we speak wins. */
export function loginLocale(uiLocales: string | undefined): LoginLocale {
  for (const tag of (uiLocales ?? '').split(' ')) {
    if (/^en\b/i.test(tag)) return 'en';
    if (/^zh\b/i.test(tag)) return 'zh-CN';
  }
  return 'zh-CN';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The sign-in form. It posts back to the authorization endpoint with the
 * request's own parameters, so the issuer keeps no state between the two.
 */
export function loginPage(options: {
  readonly locale: LoginLocale;
  readonly params: URLSearchParams;
  readonly username?: string;
  readonly failed?: boolean;
}): string {
  const w = WORDS[options.locale];
  const hidden = [...options.params]
    .filter(([name]) => name !== 'username' && name !== 'password')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const switched = new URLSearchParams(options.params);
  switched.delete('username');
  switched.delete('password');
  switched.set('ui_locales', options.locale === 'en' ? 'zh-CN' : 'en');
  const lang = options.locale === 'en' ? 'en' : 'zh-CN';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f0f2f5;color:#1f1f1f;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;padding:2rem;border-radius:8px;width:min(22rem,90vw);box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1.5rem}label{display:block;margin:1rem 0 .3rem;font-size:1rem}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #767676;border-radius:4px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1.05rem;background:#0050b3;color:#fff;border:0;border-radius:4px;cursor:pointer}
.error{color:#a8071a;background:#fff1f0;border:1px solid #ffa39e;padding:.5rem;border-radius:4px}
nav{margin-top:1rem;text-align:right}a{color:#0050b3}
</style></head>
<body><main>
<h1>${w.heading}</h1>
${options.failed ? `<p class="error" role="alert">${w.badCredentials}</p>` : ''}
<form method="post">
${hidden}
<label for="username">${w.username}</label>
<input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(options.username ?? '')}">
<label for="password">${w.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${w.submit}</button>
</form>
<nav><a href="?${escapeHtml(switched.toString())}" lang="${options.locale === 'en' ? 'zh-CN' : 'en'}">${w.other}</a></nav>
</main></body></html>`;
}

/** A page for a request that cannot be sent back to any client (unknown client, unregistered redirect URI). */
export function errorPage(locale: LoginLocale, message: string): string {
  const heading = locale === 'en' ? 'Sign-in cannot continue' : '无法继续登录';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${heading}</title></head>
<body><main><h1>${heading}</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
}
