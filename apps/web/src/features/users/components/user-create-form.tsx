import { Button, Group, Paper } from '@mantine/core';
import { createUserRequestSchema, type UserDetail } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import type { TreeOption } from '@/components/ui/tree-select';
import { getErrorMessage } from '@/lib/error-message';
import { fieldErrorsFromApi, optionalText, useFormState, validateForm, type FieldErrors } from '@/lib/form';
import { useCreateUser } from '../api/create-user';
import { emptyUserFormValues, UserFormFields } from './user-form-fields';

export interface UserCreateFormProps {
  unitOptions: readonly TreeOption[];
  unitOptionsLoading?: boolean;
  canAssignAdmin: boolean;
  cancelHref: string;
  onCreated: (user: UserDetail) => void;
}

export function UserCreateForm({ unitOptions, unitOptionsLoading, canAssignAdmin, cancelHref, onCreated }: UserCreateFormProps) {
  const { t } = useTranslation();
  const form = useFormState(emptyUserFormValues);
  const create = useCreateUser();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { values } = form;
    const input = {
      fullName: values.fullName,
      phone: optionalText(values.phone),
      email: optionalText(values.email),
      orgUnitId: values.orgUnitId ?? '',
      audiences: values.audiences,
      roles: values.roles,
      position: optionalText(values.position),
      citizenId: optionalText(values.citizenId),
    };
    const result = validateForm(createUserRequestSchema, input, t);
    const errors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (!input.phone && !input.email) errors.phone ??= t('users.form.phoneOrEmail');
    if (!input.orgUnitId) errors.orgUnitId = t('users.form.unitRequired');
    if (!result.ok || Object.keys(errors).length > 0) {
      form.showErrors(errors);
      return;
    }
    create.mutate(result.data, {
      onSuccess: (user) => {
        notifications.show({ color: 'teal.9', message: t('users.notifications.created', { name: user.fullName }) });
        onCreated(user);
      },
      onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
    });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        {create.isError ? (
          <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
            <FormError>{getErrorMessage(create.error, t)}</FormError>
          </div>
        ) : null}
        <UserFormFields
          values={form.values}
          errors={form.errors}
          setValue={form.setValue}
          unitOptions={unitOptions}
          unitOptionsLoading={unitOptionsLoading}
          canAssignAdmin={canAssignAdmin}
        />
        <Group justify="flex-end" gap="sm" mt="xl">
          <Button component={Link} to={cancelHref} variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} leftSection={<IconUserPlus size={18} aria-hidden="true" />}>
            {t('users.form.createSubmit')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
