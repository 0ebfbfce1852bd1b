import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { updateCourseRequestSchema, type CourseDetail } from '@bdhv/contracts';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useUpdateCourse } from '../api/update-course';
import { useUnsavedChangesGuard } from '../hooks/use-unsaved-changes';
import { authoringErrorMessage } from '../utils/errors';
import { CourseFormFields, courseFormValuesOf, courseInputOf, toCourseFieldErrors } from './course-form-fields';
import { CoverImageField } from './cover-image-field';

export interface CourseInfoTabProps {
  course: CourseDetail;
  readOnly: boolean;
}

/** The course's description and settings, and its cover image. */
export function CourseInfoTab({ course, readOnly }: CourseInfoTabProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const coverTitleId = useId();
  return (
    <Stack gap="xl">
      <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg">
        <Title order={2} size="h3" id={titleId} mb="md">
          {t('authoring.info.title')}
        </Title>
        <CourseInfoForm key={course.id} course={course} readOnly={readOnly} />
      </Card>
      <Card component="section" aria-labelledby={coverTitleId} withBorder radius="md" padding="lg">
        <Title order={2} size="h3" id={coverTitleId} mb="md">
          {t('authoring.cover.title')}
        </Title>
        <CoverImageField course={course} readOnly={readOnly} />
      </Card>
    </Stack>
  );
}

function CourseInfoForm({ course, readOnly }: CourseInfoTabProps) {
  const { t } = useTranslation();
  const form = useFormState(courseFormValuesOf(course));
  const update = useUpdateCourse();
  const [saved, setSaved] = useState(false);
  const slugLocked = course.status !== 'draft';

  const savedInput = useMemo(() => JSON.stringify(courseInputOf(courseFormValuesOf(course))), [course]);
  const dirty = !readOnly && JSON.stringify(courseInputOf(form.values)) !== savedInput;
  const guard = useUnsavedChangesGuard(dirty);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { slug, ...rest } = courseInputOf(form.values);
    // The address is only sent when it changes (published courses keep theirs).
    const body = { ...rest, ...(slug && slug !== course.slug && !slugLocked ? { slug } : {}) };
    const result = validateForm(updateCourseRequestSchema, body, t);
    if (!result.ok) {
      form.showErrors(toCourseFieldErrors(result.errors));
      return;
    }
    setSaved(false);
    update.mutate(
      { courseId: course.id, body: result.data },
      {
        onSuccess: (updated) => {
          form.reset(courseFormValuesOf(updated));
          setSaved(true);
        },
        onError: (error) => form.showErrors(toCourseFieldErrors(fieldErrorsFromApi(error))),
      },
    );
  };

  return (
    <form {...form.formProps} onSubmit={handleSubmit} noValidate aria-label={t('authoring.info.title')}>
      <Stack gap="md">
        {update.isError && Object.keys(form.errors).length === 0 ? <FormError title={t('authoring.info.failed')}>{authoringErrorMessage(update.error, t)}</FormError> : null}
        <CourseFormFields values={form.values} errors={form.errors} setValue={form.setValue} slugLocked={slugLocked} readOnly={readOnly} />
        {readOnly ? null : (
          <Group justify="flex-end" gap="sm">
            <Text size="sm" role="status" aria-live="polite">
              {dirty ? t('authoring.info.unsaved') : saved ? t('authoring.info.saved') : ''}
            </Text>
            <Button type="submit" loading={update.isPending} leftSection={<IconDeviceFloppy size={18} aria-hidden="true" />}>
              {t('authoring.info.save')}
            </Button>
          </Group>
        )}
      </Stack>
      {guard}
    </form>
  );
}
