import { Anchor, Button, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { resetPasswordRequestSchema } from '@bdhv/contracts';
import { IconLockCheck } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { ApiRequestError } from '@/lib/api-client';
import { useFormState, validateForm, type FieldErrors } from '@/lib/form';
import { useResetPassword } from '../api/reset-password';
import { AuthErrorCode, getAuthErrorMessage } from '../utils/auth-error';

export interface ResetPasswordFormProps {
  /** From the link in the email (`?token=`); null when the link is incomplete. */
  token: string | null;
  forgotPasswordPath: string;
  onReset?: () => void;
}

export function ResetPasswordForm({ token, forgotPasswordPath, onReset }: ResetPasswordFormProps) {
  const { t } = useTranslation();
  const form = useFormState({ newPassword: '', confirmPassword: '' });
  const reset = useResetPassword();
  const tokenRejected = reset.error instanceof ApiRequestError && reset.error.code === AuthErrorCode.INVALID_TOKEN;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(resetPasswordRequestSchema, { token: token ?? '', newPassword: form.values.newPassword }, t);
    const errors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (form.values.confirmPassword !== form.values.newPassword) errors.confirmPassword = t('auth.errors.passwordMismatch');
    if (!result.ok || Object.keys(errors).length > 0) {
      form.showErrors(errors);
      return;
    }
    reset.mutate(result.data, { onSuccess: () => onReset?.() });
  };

  const requestNewLink = (
    <Anchor component={Link} to={forgotPasswordPath} fw={600}>
      {t('auth.reset.requestNewLink')}
    </Anchor>
  );

  if (!token || token.length < 20) {
    return (
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={480} w="100%">
        <Stack gap="md">
          <FormError>{t('auth.errors.invalidToken')}</FormError>
          {requestNewLink}
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={480} w="100%">
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {reset.isError ? <FormError>{getAuthErrorMessage(reset.error, t)}</FormError> : null}
          {tokenRejected ? requestNewLink : null}
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
          {form.errors.token ? <Text c="red.9">{t('auth.errors.invalidToken')}</Text> : null}
          <Button type="submit" size="md" loading={reset.isPending} leftSection={<IconLockCheck size={18} aria-hidden="true" />}>
            {t('auth.reset.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
