import { Alert, Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { forgotPasswordRequestSchema } from '@bdhv/contracts';
import { IconMailForward } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { useFormState, validateForm } from '@/lib/form';
import { useForgotPassword } from '../api/forgot-password';
import { getAuthErrorMessage } from '../utils/auth-error';

export interface ForgotPasswordFormProps {
  signInPath: string;
}

export function ForgotPasswordForm({ signInPath }: ForgotPasswordFormProps) {
  const { t } = useTranslation();
  const form = useFormState({ identifier: '' });
  const request = useForgotPassword();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(forgotPasswordRequestSchema, form.values, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    request.mutate(result.data);
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={480} w="100%">
      <Stack gap="md">
        {request.isSuccess ? (
          // The same answer whether or not the account exists.
          <Alert
            color="teal.9"
            variant="light"
            role="status"
            title={t('auth.forgot.sentTitle')}
            styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}
          >
            <Text size="sm" c="gray.9">
              {t('auth.forgot.sentBody')}
            </Text>
          </Alert>
        ) : (
          <form {...form.formProps} onSubmit={handleSubmit} noValidate>
            <Stack gap="md">
              {request.isError ? <FormError>{getAuthErrorMessage(request.error, t)}</FormError> : null}
              <TextInput
                label={t('auth.fields.identifier')}
                description={t('auth.forgot.hint')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                size="md"
                {...form.textProps('identifier')}
              />
              <Button type="submit" size="md" loading={request.isPending} leftSection={<IconMailForward size={18} aria-hidden="true" />}>
                {t('auth.forgot.submit')}
              </Button>
            </Stack>
          </form>
        )}
        <Anchor component={Link} to={signInPath} ta="center">
          {t('auth.backToSignIn')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
