import { Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { updateLessonRequestSchema, type CourseDetail, type LessonDetail, type UpdateLessonRequest } from '@bdhv/contracts';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useUpdateLesson } from '../api/update-lesson';
import { useUnsavedChangesGuard } from '../hooks/use-unsaved-changes';
import { authoringErrorMessage } from '../utils/errors';

export interface LessonFormProps {
  course: CourseDetail;
  lesson: LessonDetail;
  readOnly: boolean;
}

/** Title and "required", shared by every lesson type; `extra` adds fields to the same save. */
export function useLessonForm({ course, lesson }: LessonFormProps) {
  const { t } = useTranslation();
  const form = useFormState({ title: lesson.title, required: lesson.required });
  const update = useUpdateLesson();
  const [saved, setSaved] = useState(false);
  const detailsDirty = form.values.title.trim() !== lesson.title || form.values.required !== lesson.required;

  const save = (extra: Pick<UpdateLessonRequest, 'textHtml'> = {}, onSaved?: () => void) => {
    const result = validateForm(updateLessonRequestSchema, { title: form.values.title, required: form.values.required, ...extra }, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    setSaved(false);
    update.mutate(
      { courseId: course.id, lessonId: lesson.id, body: result.data },
      {
        onSuccess: (updated) => {
          const fresh = updated.modules.flatMap((m) => m.lessons).find((l) => l.id === lesson.id);
          if (fresh) form.setValues({ title: fresh.title, required: fresh.required });
          setSaved(true);
          onSaved?.();
        },
        onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
      },
    );
  };

  return { form, update, saved, setSaved, detailsDirty, save };
}

interface LessonFormLayoutProps {
  state: ReturnType<typeof useLessonForm>;
  dirty: boolean;
  readOnly: boolean;
  saveLabel: string;
  onSubmit: () => void;
  children?: ReactNode;
}

export function LessonFormLayout({ state, dirty, readOnly, saveLabel, onSubmit, children }: LessonFormLayoutProps) {
  const { t } = useTranslation();
  const { form, update, saved } = state;
  const guard = useUnsavedChangesGuard(dirty && !readOnly);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form {...form.formProps} onSubmit={handleSubmit} noValidate aria-label={t('authoring.lesson.formLabel')}>
      <Stack gap="md">
        {update.isError && Object.keys(form.errors).length === 0 ? <FormError title={t('authoring.lesson.saveFailed')}>{authoringErrorMessage(update.error, t)}</FormError> : null}
        <TextInput label={t('authoring.lesson.title')} autoComplete="off" readOnly={readOnly} {...form.textProps('title')} />
        <Switch
          label={t('authoring.content.lessonRequired')}
          description={t('authoring.content.lessonRequiredHint')}
          checked={form.values.required}
          onChange={(event) => form.setValue('required', event.currentTarget.checked)}
          disabled={readOnly}
        />
        {children}
        {form.errors.textHtml ? (
          <Text size="sm" c="red.9" role="alert">
            {form.errors.textHtml}
          </Text>
        ) : null}
        {readOnly ? null : (
          <Group justify="flex-end" gap="sm">
            <Text size="sm" role="status" aria-live="polite">
              {dirty ? t('authoring.lesson.unsaved') : saved ? t('authoring.lesson.saved') : ''}
            </Text>
            <Button type="submit" loading={update.isPending} leftSection={<IconDeviceFloppy size={18} aria-hidden="true" />}>
              {saveLabel}
            </Button>
          </Group>
        )}
      </Stack>
      {guard}
    </form>
  );
}

export function LessonDetailsForm(props: LessonFormProps) {
  const { t } = useTranslation();
  const state = useLessonForm(props);
  return <LessonFormLayout state={state} dirty={state.detailsDirty} readOnly={props.readOnly} saveLabel={t('authoring.lesson.save')} onSubmit={() => state.save()} />;
}
