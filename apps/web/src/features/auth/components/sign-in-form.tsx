import { Anchor, Button, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { loginRequestSchema, type Me } from '@bdhv/contracts';
import { IconLogin } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useLogin } from '../api/login';
import { getAuthErrorMessage } from '../utils/auth-error';
import { SsoSignIn } from './sso-sign-in';

export interface SignInFormProps {
  /** Where to go afterwards; remembered across the single sign-on round trip. */
  next: string;
  forgotPasswordPath: string;
  registerPath: string;
  /** Called once signed in (the session is already stored). */
  onSignedIn?: (user: Me) => void;
}

export function SignInForm({ next, forgotPasswordPath, registerPath, onSignedIn }: SignInFormProps) {
  const { t } = useTranslation();
  const form = useFormState({ identifier: '', password: '' });
  // Storing the session unmounts this page, so success is reported from the mutation itself.
  const login = useLogin({ onSuccess: (session) => onSignedIn?.(session.user) });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(loginRequestSchema, form.values, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    login.mutate(result.data, {
      onError: (error) => {
        const fieldErrors = fieldErrorsFromApi(error);
        if (Object.keys(fieldErrors).length > 0) form.showErrors(fieldErrors);
      },
    });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={480} w="100%">
      <Stack gap="md">
        <form {...form.formProps} onSubmit={handleSubmit} noValidate>
          <Stack gap="md">
            {login.isError ? <FormError>{getAuthErrorMessage(login.error, t)}</FormError> : null}
            <TextInput
              label={t('auth.fields.identifier')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              size="md"
              {...form.textProps('identifier')}
            />
            <PasswordInput
              label={t('auth.fields.password')}
              autoComplete="current-password"
              size="md"
              {...form.textProps('password')}
            />
            <Group justify="flex-end">
              <Anchor component={Link} to={forgotPasswordPath} size="sm">
                {t('auth.signIn.forgotPassword')}
              </Anchor>
            </Group>
            <Button type="submit" size="md" loading={login.isPending} leftSection={<IconLogin size={18} aria-hidden="true" />}>
              {t('auth.signIn.submit')}
            </Button>
          </Stack>
        </form>
        <SsoSignIn next={next} divider={<Divider label={t('auth.signIn.or')} labelPosition="center" />} />
        <Text ta="center">
          {t('auth.signIn.noAccount')}{' '}
          <Anchor component={Link} to={registerPath} fw={600}>
            {t('auth.signIn.createAccount')}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
