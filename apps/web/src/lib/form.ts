import type { TFunction } from 'i18next';
import { useCallback, useEffect, useId, useState, type ChangeEvent } from 'react';
import { ApiRequestError } from './api-client';

/** Messages keyed by field path ("phone", "items.0.name"). */
export type FieldErrors = Partial<Record<string, string>>;

/** The parts of a zod issue the fallback messages need. */
export interface FormIssue {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
}

/**
 * A zod schema from `@bdhv/contracts`, typed structurally so the web app does not depend on zod.
 * The optional error map only applies to issues whose schema has no message of its own.
 */
export interface FormSchema<T> {
  safeParse(
    input: unknown,
    params?: { error?: (issue: FormIssue) => string | undefined },
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * Messages for issues the contracts leave generic ("Too small: expected string…"), in the UI
 * language. The contracts' own messages are Vietnamese and are shown as they are.
 */
export function localizedIssueMessage(t: TFunction) {
  return (issue: FormIssue): string => {
    const count = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null || issue.input === ''
          ? t('forms.errors.required')
          : t('forms.errors.invalid');
      case 'too_small':
        if (issue.origin === 'array') return t('forms.errors.minItems', { count });
        return count <= 1 ? t('forms.errors.required') : t('forms.errors.minLength', { count });
      case 'too_big':
        if (issue.origin === 'array') return t('forms.errors.maxItems', { count });
        return t('forms.errors.maxLength', { count });
      default:
        return t('forms.errors.invalid');
    }
  };
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates form input with a contracts schema; the first message per field wins. */
export function validateForm<T>(schema: FormSchema<T>, input: unknown, t: TFunction): ValidationResult<T> {
  const result = schema.safeParse(input, { error: localizedIssueMessage(t) });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Field errors a 400 from the API carried, keyed like the form's fields. */
export function fieldErrorsFromApi(error: unknown): FieldErrors {
  if (!(error instanceof ApiRequestError)) return {};
  const errors: FieldErrors = {};
  for (const fieldError of error.fieldErrors) {
    if (fieldError.field) errors[fieldError.field] ??= fieldError.message;
  }
  return errors;
}

/** Empty text means "not given": contracts treat a missing optional field differently from "". */
export function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Minimal form state: values, per-field errors, and focus on the first invalid field whenever
 * errors are shown (keyboard and screen-reader users land on the problem).
 */
export function useFormState<V extends Record<string, unknown>>(initialValues: V) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [errorsShown, setErrorsShown] = useState(0);
  // Found by id rather than a ref: spread `formProps` on the <form>.
  const formId = useId();
  const [initial] = useState(initialValues);

  useEffect(() => {
    if (errorsShown === 0) return;
    document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorsShown, formId]);

  const setValue = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    // An edited field's old message no longer applies.
    setErrors((previous) => {
      if (!previous[key as string]) return previous;
      const next = { ...previous };
      delete next[key as string];
      return next;
    });
  }, []);

  const showErrors = useCallback((next: FieldErrors) => {
    setErrors(next);
    setErrorsShown((count) => count + 1);
  }, []);

  const reset = useCallback((next?: V) => {
    setValues(next ?? initial);
    setErrors({});
  }, [initial]);

  /**
   * Props for a Mantine text or password input bound to `key`. `aria-invalid` is set here because
   * PasswordInput does not set it itself.
   */
  const textProps = (key: { [K in keyof V]: V[K] extends string ? K : never }[keyof V]) => ({
    value: values[key] as string,
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(key, event.currentTarget.value as V[typeof key]),
    error: errors[key as string],
    'aria-invalid': !!errors[key as string],
  });

  return { values, setValue, setValues, errors, showErrors, reset, formProps: { id: formId }, textProps };
}
