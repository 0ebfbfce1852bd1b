import { Anchor, Button, Fieldset, Paper, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { registerRequestSchema, type Me } from '@bdhv/contracts';
import { IconUserPlus } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { QueryError } from '@/components/ui/query-error';
import { fieldErrorsFromApi, optionalText, useFormState, validateForm, type FieldErrors } from '@/lib/form';
import { vietnameseOptionsFilter } from '@/lib/vietnamese-filter';
import { useCommunes } from '../api/get-communes';
import { useRegister } from '../api/register';
import { getAuthErrorMessage } from '../utils/auth-error';
import classes from './auth.module.css';

export interface RegisterFormProps {
  signInPath: string;
  /** Called once registered and signed in. */
  onRegistered?: (user: Me) => void;
}

const initialValues = {
  fullName: '',
  phone: '',
  email: '',
  password: '',
  confirmPassword: '',
  orgUnitId: null as string | null,
};

export function RegisterForm({ signInPath, onRegistered }: RegisterFormProps) {
  const { t } = useTranslation();
  const form = useFormState(initialValues);
  const communes = useCommunes();
  // Storing the session unmounts this page, so success is reported from the mutation itself.
  const registration = useRegister({ onSuccess: (session) => onRegistered?.(session.user) });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { values } = form;
    const input = {
      fullName: values.fullName,
      phone: optionalText(values.phone),
      email: optionalText(values.email),
      password: values.password,
      orgUnitId: values.orgUnitId ?? '',
    };
    const result = validateForm(registerRequestSchema, input, t);
    const errors: FieldErrors = result.ok ? {} : { ...result.errors };
    // The schema checks "phone or email" only once every field is valid; say it at once.
    if (!input.phone && !input.email) errors.phone ??= t('auth.errors.phoneOrEmail');
    if (values.confirmPassword !== values.password) errors.confirmPassword = t('auth.errors.passwordMismatch');
    if (!result.ok || Object.keys(errors).length > 0) {
      form.showErrors(errors);
      return;
    }
    registration.mutate(result.data, {
      onError: (error) => {
        const fieldErrors = fieldErrorsFromApi(error);
        if (Object.keys(fieldErrors).length > 0) form.showErrors(fieldErrors);
      },
    });
  };

  const communeOptions = (communes.data ?? []).map((commune) => ({ value: commune.id, label: commune.name }));

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={560} w="100%">
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {registration.isError ? <FormError>{getAuthErrorMessage(registration.error, t)}</FormError> : null}
          <TextInput label={t('auth.fields.fullName')} autoComplete="name" size="md" {...form.textProps('fullName')} />
          <Fieldset legend={t('auth.register.contactLegend')} variant="unstyled" className={classes.fieldset}>
            <Stack gap="md">
              <Text size="sm">{t('auth.register.contactHint')}</Text>
              <TextInput
                label={t('auth.fields.phone')}
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                size="md"
                {...form.textProps('phone')}
              />
              <TextInput
                label={t('auth.fields.email')}
                type="email"
                autoComplete="email"
                autoCapitalize="none"
                spellCheck={false}
                size="md"
                {...form.textProps('email')}
              />
            </Stack>
          </Fieldset>
          <PasswordInput
            label={t('auth.fields.password')}
            description={t('auth.passwordRules')}
            autoComplete="new-password"
            size="md"
            {...form.textProps('password')}
          />
          <PasswordInput
            label={t('auth.fields.confirmPassword')}
            autoComplete="new-password"
            size="md"
            {...form.textProps('confirmPassword')}
          />
          {communes.isError ? (
            <QueryError
              title={t('auth.register.communesError')}
              error={communes.error}
              onRetry={() => void communes.refetch()}
              retrying={communes.isFetching}
            />
          ) : null}
          <Select
            label={t('auth.fields.commune')}
            placeholder={communes.isPending ? t('common.loading') : t('auth.register.communePlaceholder')}
            data={communeOptions}
            value={form.values.orgUnitId}
            onChange={(value) => form.setValue('orgUnitId', value)}
            searchable
            filter={vietnameseOptionsFilter}
            nothingFoundMessage={t('common.noMatches')}
            disabled={communes.isPending}
            error={form.errors.orgUnitId}
            size="md"
            comboboxProps={{ withinPortal: true }}
          />
          <Button type="submit" size="md" loading={registration.isPending} leftSection={<IconUserPlus size={18} aria-hidden="true" />}>
            {t('auth.register.submit')}
          </Button>
          <Text ta="center">
            {t('auth.register.haveAccount')}{' '}
            <Anchor component={Link} to={signInPath} fw={600}>
              {t('auth.register.signInLink')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
