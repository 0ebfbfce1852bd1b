import { Button, PasswordInput, Stack, Title } from '@mantine/core';
import { changePasswordRequestSchema } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { ApiRequestError } from '@/lib/api-client';
import { fieldErrorsFromApi, useFormState, validateForm, type FieldErrors } from '@/lib/form';
import { useChangePassword } from '../api/change-password';
import { getAuthErrorMessage } from '../utils/auth-error';

const initialValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const titleId = useId();
  const form = useFormState(initialValues);
  const change = useChangePassword();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { values } = form;
    const result = validateForm(changePasswordRequestSchema, { currentPassword: values.currentPassword, newPassword: values.newPassword }, t);
    const errors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (values.confirmPassword !== values.newPassword) errors.confirmPassword = t('auth.errors.passwordMismatch');
    if (!result.ok || Object.keys(errors).length > 0) {
      form.showErrors(errors);
      return;
    }
    change.mutate(result.data, {
      onSuccess: () => {
        form.reset();
        notifications.show({ color: 'teal.9', title: t('auth.changePassword.successTitle'), message: t('auth.changePassword.successBody') });
      },
      onError: (error) => {
        const fieldErrors = fieldErrorsFromApi(error);
        // A wrong current password may come as a 401 without field errors; UNAUTHENTICATED means
        // the session itself is gone (the client already tried to refresh it).
        if (error instanceof ApiRequestError && error.status === 401 && error.code !== 'UNAUTHENTICATED' && !fieldErrors.currentPassword) {
          fieldErrors.currentPassword = t('auth.errors.wrongCurrentPassword');
        }
        if (Object.keys(fieldErrors).length > 0) form.showErrors(fieldErrors);
      },
    });
  };

  const fieldErrorsShown = change.isError && Object.keys(form.errors).length > 0;

  return (
    <section aria-labelledby={titleId}>
      <Title order={2} id={titleId} mb="md">
        {t('auth.changePassword.title')}
      </Title>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md" maw={480}>
          {change.isError && !fieldErrorsShown ? <FormError>{getAuthErrorMessage(change.error, t)}</FormError> : null}
          <PasswordInput
            label={t('auth.fields.currentPassword')}
            autoComplete="current-password"
            size="md"
            {...form.textProps('currentPassword')}
          />
          <PasswordInput
            label={t('auth.fields.newPassword')}
            description={t('auth.passwordRules')}
            autoComplete="new-password"
            size="md"
            {...form.textProps('newPassword')}
          />
          <PasswordInput
            label={t('auth.fields.confirmPassword')}
            autoComplete="new-password"
            size="md"
            {...form.textProps('confirmPassword')}
          />
          <Button type="submit" size="md" loading={change.isPending} leftSection={<IconLock size={18} aria-hidden="true" />} style={{ alignSelf: 'flex-start' }}>
            {t('auth.changePassword.submit')}
          </Button>
        </Stack>
      </form>
    </section>
  );
}
