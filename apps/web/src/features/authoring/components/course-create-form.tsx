import { Button, Group, Paper } from '@mantine/core';
import { createCourseRequestSchema, type CourseDetail } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useCreateCourse } from '../api/create-course';
import { authoringErrorMessage } from '../utils/errors';
import { courseInputOf, CourseFormFields, emptyCourseFormValues, toCourseFieldErrors } from './course-form-fields';

export interface CourseCreateFormProps {
  cancelHref: string;
  onCreated: (course: CourseDetail) => void;
}

/** A new draft course: checked with the contract's schema first, then the server's field errors. */
export function CourseCreateForm({ cancelHref, onCreated }: CourseCreateFormProps) {
  const { t } = useTranslation();
  const form = useFormState(emptyCourseFormValues);
  const create = useCreateCourse();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(createCourseRequestSchema, courseInputOf(form.values), t);
    if (!result.ok) {
      form.showErrors(toCourseFieldErrors(result.errors));
      return;
    }
    create.mutate(result.data, {
      onSuccess: (course) => {
        notifications.show({ color: 'teal.9', message: t('authoring.notifications.created', { title: course.title }) });
        onCreated(course);
      },
      onError: (error) => form.showErrors(toCourseFieldErrors(fieldErrorsFromApi(error))),
    });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate aria-label={t('authoring.new.formLabel')}>
        {create.isError && Object.keys(form.errors).length === 0 ? (
          <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
            <FormError title={t('authoring.new.failed')}>{authoringErrorMessage(create.error, t)}</FormError>
          </div>
        ) : null}
        <CourseFormFields values={form.values} errors={form.errors} setValue={form.setValue} />
        <Group justify="flex-end" gap="sm" mt="xl">
          <Button component={Link} to={cancelHref} variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={18} aria-hidden="true" />}>
            {t('authoring.new.submit')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
