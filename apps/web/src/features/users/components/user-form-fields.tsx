import { Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { Audience, Role } from '@bdhv/contracts';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TreeSelect, type TreeOption } from '@/components/ui/tree-select';
import type { FieldErrors } from '@/lib/form';
import { allAudiences, allRoles } from '../utils/labels';

export interface UserFormValues extends Record<string, unknown> {
  fullName: string;
  phone: string;
  email: string;
  orgUnitId: string | null;
  audiences: Audience[];
  roles: Role[];
  position: string;
  citizenId: string;
}

export const emptyUserFormValues: UserFormValues = {
  fullName: '',
  phone: '',
  email: '',
  orgUnitId: null,
  audiences: [],
  roles: ['learner'],
  position: '',
  citizenId: '',
};

export interface UserFormFieldsProps {
  values: UserFormValues;
  errors: FieldErrors;
  setValue: <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) => void;
  unitOptions: readonly TreeOption[];
  unitOptionsLoading?: boolean;
  /** Only administrators may make administrators. */
  canAssignAdmin: boolean;
  /** Edit mode: the stored number is never sent back; only a new one can be typed. */
  citizenIdMasked?: string | null;
}

/** The fields shared by "new user" and "edit user". */
export function UserFormFields({
  values,
  errors,
  setValue,
  unitOptions,
  unitOptionsLoading = false,
  canAssignAdmin,
  citizenIdMasked,
}: UserFormFieldsProps) {
  const { t } = useTranslation();
  const text = (key: 'fullName' | 'phone' | 'email' | 'position' | 'citizenId') => ({
    value: values[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(key, event.currentTarget.value),
    error: errors[key],
  });
  const editing = citizenIdMasked !== undefined;
  const roles = allRoles.filter((role) => canAssignAdmin || role !== 'admin' || values.roles.includes('admin'));

  return (
    <Stack gap="md">
      <TextInput label={t('users.fields.fullName')} autoComplete="off" {...text('fullName')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('users.fields.phone')}
          description={t('users.form.contactHint')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...text('phone')}
        />
        <TextInput
          label={t('users.fields.email')}
          description={t('users.form.contactHint')}
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...text('email')}
        />
      </SimpleGrid>
      <TreeSelect
        label={t('users.fields.unit')}
        placeholder={unitOptionsLoading ? t('common.loading') : t('users.form.unitPlaceholder')}
        options={unitOptions}
        value={values.orgUnitId}
        onChange={(value) => setValue('orgUnitId', value)}
        error={errors.orgUnitId}
        allowDeselect={false}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput label={t('users.fields.position')} description={t('users.form.optional')} autoComplete="off" {...text('position')} />
        <TextInput
          label={editing ? t('users.fields.newCitizenId') : t('users.fields.citizenId')}
          description={
            editing
              ? citizenIdMasked
                ? t('users.form.citizenIdCurrent', { masked: citizenIdMasked })
                : t('users.form.citizenIdNone')
              : t('users.form.citizenIdHint')
          }
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          {...text('citizenId')}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={t('users.fields.roles')}
        value={values.roles}
        onChange={(value) => setValue('roles', value as Role[])}
        error={errors.roles}
      >
        <Group gap="md" mt="xs">
          {roles.map((role) => (
            <Checkbox
              key={role}
              value={role}
              label={t(`identity.roles.${role}`)}
              disabled={role === 'admin' && !canAssignAdmin}
            />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group
        label={t('users.fields.audiences')}
        value={values.audiences}
        onChange={(value) => setValue('audiences', value as Audience[])}
        error={errors.audiences}
      >
        <Group gap="md" mt="xs">
          {allAudiences.map((audience) => (
            <Checkbox key={audience} value={audience} label={t(`identity.audiences.${audience}`)} />
          ))}
        </Group>
      </Checkbox.Group>
    </Stack>
  );
}
