import { invalid } from '@onewindow/kernel/errors';

/** User-facing text is Simplified Chinese, with English available. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export interface Text {
  readonly title: string;
  readonly body: string;
}

export interface Template {
  /** The placeholders the texts may use, e.g. `caseNumber` for `{caseNumber}`. */
  readonly placeholders: readonly string[];
  /** Placeholders whose values must not outlive delivery (a one-time code): masked in the copy kept afterwards. */
  readonly secrets?: readonly string[];
  readonly texts: Readonly<Record<Locale, Text>>;
}

/** A value for a placeholder: the same in every language, or one per language (a decision, an outcome). */
export type Value = string | Readonly<Record<Locale, string>>;
export type Values = Readonly<Record<string, Value>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Every `{name}` a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/**
 * Fills one text in one pass, so a value that itself contains `{…}` is left
 * as written. Refuses a placeholder the template does not declare or the
 * caller gives no value for: a message never goes out with a hole in it.
 */
export function fill(text: string, placeholders: readonly string[], values: Values, locale: Locale): string {
  const unknown = placeholdersIn(text).filter((name) => !placeholders.includes(name) || !Object.hasOwn(values, name));
  if (unknown.length > 0) {
    throw invalid(
      'TEMPLATE_UNKNOWN_PLACEHOLDER',
      `unknown placeholder(s): ${unknown.map((n) => `{${n}}`).join(', ')}`,
      unknown.map((name) => ({ field: name, message: 'no such placeholder or no value for it' })),
    );
  }
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name]!;
    return typeof value === 'string' ? value : value[locale];
  });
}

export function render(template: Template, locale: Locale, values: Values): Text {
  const text = template.texts[locale];
  return {
    title: fill(text.title, template.placeholders, values, locale),
    body: fill(text.body, template.placeholders, values, locale),
  };
}

/** Both languages at once: the inbox keeps each, the reader's language picks one. */
export function renderAll(template: Template, values: Values): Readonly<Record<Locale, Text>> {
  return { 'zh-CN': render(template, 'zh-CN', values), en: render(template, 'en', values) };
}

/** What a secret reads as in the copy kept after delivery. */
export const MASK = '******';

/** Both languages with every secret masked; null when the template has none. */
export function renderMasked(template: Template, values: Values): Readonly<Record<Locale, Text>> | null {
  if (!template.secrets?.length) return null;
  return renderAll(template, { ...values, ...Object.fromEntries(template.secrets.map((name) => [name, MASK])) });
}

/** Picks the reader's language from an Accept-Language-style value; Chinese unless English comes first. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-') ? 'en' : DEFAULT_LOCALE;
}
