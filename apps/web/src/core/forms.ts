import { UserFacingErrors } from './graphql-client';

/**
 * GOV.UK error summaries: each error has the text shown and the id of the field it links to.
 * Errors come from the page's own checks (empty or malformed fields) and from the API's refusals.
 */
export interface FieldError {
  text: string;
  href: string;
}

export class FormErrors {
  readonly list: FieldError[] = [];
  readonly byField: Record<string, { text: string }> = {};

  add(field: string, text: string): void {
    if (this.byField[field]) return;
    this.list.push({ text, href: `#${field}` });
    this.byField[field] = { text };
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Template context: `errors` for govukErrorSummary, `fieldErrors.x` for each component's errorMessage. */
  view(): { errors?: FieldError[]; fieldErrors: Record<string, { text: string }> } {
    return { errors: this.any ? this.list : undefined, fieldErrors: this.byField };
  }
}

export type Form = Record<string, string | string[] | undefined>;

export function text(form: Form, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : (value ?? '')).trim();
}

export function list(form: Form, name: string): string[] {
  const value = form[name];
  return (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);
}

export function required(errors: FormErrors, form: Form, name: string, message: string): string {
  const value = text(form, name);
  if (!value) errors.add(name, message);
  return value;
}

export function wholeNumber(errors: FormErrors, form: Form, name: string, label: string, min = 0): number {
  const value = text(form, name);
  if (!/^\d{1,9}$/.test(value) || Number(value) < min) {
    errors.add(name, value ? `${label} must be a whole number${min ? ` of ${min} or more` : ''}` : `Enter ${label.toLowerCase()}`);
    return NaN;
  }
  return Number(value);
}

/** Pounds as typed ("1,250" or "1250.5") to the API's exact decimal string ("1250.50"); never a float. */
export function pounds(errors: FormErrors, form: Form, name: string, label: string): string {
  const value = text(form, name).replace(/^£/, '').replace(/,/g, '');
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) {
    errors.add(name, value ? `${label} must be an amount in pounds, like 1250.00` : `Enter ${label.toLowerCase()}`);
    return '';
  }
  return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/**
 * Turns the API's refusal into summary entries. The field comes from the error (validation names
 * it), else from `byCode` (e.g. BUDGET_EXCEEDED is about the quantity), else the form's first field.
 */
export function apiErrors(
  errors: FormErrors,
  failure: UserFacingErrors,
  fallbackField: string,
  byCode: Record<string, string> = {},
  fieldAliases: Record<string, string> = {},
): void {
  const toField = (name: string) => {
    const bare = name.replace(/^input\./, '').replace(/\.\d+\./g, '.');
    return fieldAliases[bare] ?? bare.split('.')[0];
  };
  for (const error of failure.errors) {
    const ext = error.extensions ?? {};
    if (ext.fields?.length) {
      for (const f of ext.fields) errors.add(toField(f.field), `${f.field.replace(/^input\./, '')}: ${f.messages.join('; ')}`);
      continue;
    }
    const field = ext.field ? toField(ext.field) : (byCode[ext.code ?? ''] ?? fallbackField);
    errors.add(field, error.message);
  }
}

/** A GOV.UK date input (name-day, name-month, name-year) to YYYY-MM-DD; the error links to the day field. */
export function dateInput(errors: FormErrors, form: Form, name: string, label: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(form, `${name}-${part}`));
  const field = `${name}-day`;
  if (!day && !month && !year) {
    errors.add(field, `Enter the ${label.toLowerCase()}`);
    return '';
  }
  const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (
    !/^\d{4}$/.test(year) ||
    !/^\d{1,2}$/.test(month) ||
    !/^\d{1,2}$/.test(day) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== iso
  ) {
    errors.add(field, `${label} must be a real date, like 27 3 2027`);
    return '';
  }
  return iso;
}
