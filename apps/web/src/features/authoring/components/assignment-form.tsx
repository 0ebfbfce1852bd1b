import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { createAssignmentRequestSchema, type Audience, type CourseDetail } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { TreeSelect, type TreeOption } from '@/components/ui/tree-select';
import { fieldErrorsFromApi, useFormState, validateForm, type FieldErrors } from '@/lib/form';
import { useCreateAssignment } from '../api/create-assignment';
import { authoringErrorMessage } from '../utils/errors';
import { allAudiences } from '../utils/labels';

export interface AssignmentFormProps {
  course: CourseDetail;
  unitOptions: readonly TreeOption[];
  unitOptionsLoading?: boolean;
}

interface AssignmentValues extends Record<string, unknown> {
  orgUnitId: string | null;
  audiences: Audience[];
  /** `YYYY-MM-DD` from the date input, '' for none. */
  dueDate: string;
}

const emptyValues: AssignmentValues = { orgUnitId: null, audiences: [], dueDate: '' };

/** The end of the chosen day in the browser's time zone, as an ISO timestamp. */
export function dueDateToIso(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}

/** Assigns the published course to a unit and its sub-units, optionally to some audiences, with an optional due date. */
export function AssignmentForm({ course, unitOptions, unitOptionsLoading = false }: AssignmentFormProps) {
  const { t } = useTranslation();
  const form = useFormState(emptyValues);
  const create = useCreateAssignment();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.values.orgUnitId) errors.orgUnitId = t('authoring.assign.unitRequired');
    const dueAt = form.values.dueDate ? dueDateToIso(form.values.dueDate) : null;
    if (form.values.dueDate && !dueAt) errors.dueAt = t('authoring.assign.dueInvalid');
    const result = validateForm(createAssignmentRequestSchema, { orgUnitId: form.values.orgUnitId ?? '', audiences: form.values.audiences, dueAt }, t);
    if (!result.ok || Object.keys(errors).length > 0) {
      form.showErrors({ ...(result.ok ? {} : result.errors), ...errors });
      return;
    }
    const unitName = unitOptions.find((option) => option.value === result.data.orgUnitId)?.label ?? '';
    create.mutate(
      { courseId: course.id, body: result.data },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal.9', message: t('authoring.notifications.assigned', { unit: unitName }) });
          form.reset(emptyValues);
        },
        onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
      },
    );
  };

  return (
    <form {...form.formProps} onSubmit={handleSubmit} noValidate aria-label={t('authoring.assign.formLabel')}>
      <Stack gap="md">
        {create.isError && Object.keys(form.errors).length === 0 ? <FormError title={t('authoring.assign.failed')}>{authoringErrorMessage(create.error, t)}</FormError> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TreeSelect
            label={t('authoring.assign.unit')}
            description={t('authoring.assign.unitHint')}
            placeholder={unitOptionsLoading ? t('common.loading') : t('authoring.assign.unitPlaceholder')}
            options={unitOptions}
            value={form.values.orgUnitId}
            onChange={(value) => form.setValue('orgUnitId', value)}
            error={form.errors.orgUnitId}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label={t('authoring.assign.dueDate')}
            description={t('authoring.assign.dueHint')}
            value={form.values.dueDate}
            onChange={(event) => form.setValue('dueDate', event.currentTarget.value)}
            error={form.errors.dueAt}
            aria-invalid={!!form.errors.dueAt}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('authoring.assign.audiences')}
          description={t('authoring.assign.audiencesHint')}
          value={form.values.audiences}
          onChange={(value) => form.setValue('audiences', value as Audience[])}
          error={form.errors.audiences}
        >
          <Group gap="md" mt="xs">
            {allAudiences.map((audience) => (
              <Checkbox key={audience} value={audience} label={t(`identity.audiences.${audience}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} leftSection={<IconSend size={18} aria-hidden="true" />}>
            {t('authoring.assign.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
