import { Button, Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { createLessonRequestSchema, type CourseDetail, type CourseModuleDetail, type LessonType } from '@bdhv/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useCreateLesson } from '../api/create-lesson';
import { authoringErrorMessage } from '../utils/errors';
import { isLessonType, lessonTypeOptions } from '../utils/labels';

export interface AddLessonFormProps {
  course: CourseDetail;
  module: CourseModuleDetail;
  id: string;
  /** The new lesson's id (to open it in the lesson editor). */
  onCreated: (lessonId: string) => void;
  onCancel: () => void;
}

// A type alias (not an interface) so that `textProps` sees its string fields.
type AddLessonValues = {
  title: string;
  type: LessonType;
  required: boolean;
};

/** A new lesson at the end of a module: title, type (a native select: simple on phones and for keyboards) and whether it is required. */
export function AddLessonForm({ course, module, id, onCreated, onCancel }: AddLessonFormProps) {
  const { t } = useTranslation();
  const form = useFormState<AddLessonValues>({ title: '', type: 'video', required: true });
  const create = useCreateLesson();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(createLessonRequestSchema, { title: form.values.title, type: form.values.type, required: form.values.required }, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    const before = new Set(module.lessons.map((lesson) => lesson.id));
    create.mutate(
      { courseId: course.id, moduleId: module.id, body: result.data },
      {
        onSuccess: (updated) => {
          const lessons = updated.modules.find((m) => m.id === module.id)?.lessons ?? [];
          const created = lessons.find((lesson) => !before.has(lesson.id));
          if (created) onCreated(created.id);
          else onCancel();
        },
        onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
      },
    );
  };

  return (
    <form {...form.formProps} onSubmit={handleSubmit} noValidate aria-label={t('authoring.content.addLessonForm', { module: module.title })}>
      <Stack gap="sm" id={id}>
        {create.isError && Object.keys(form.errors).length === 0 ? <FormError>{authoringErrorMessage(create.error, t)}</FormError> : null}
        <TextInput label={t('authoring.content.lessonTitle')} autoComplete="off" autoFocus {...form.textProps('title')} />
        <NativeSelect
          label={t('authoring.content.lessonType')}
          data={lessonTypeOptions(t)}
          value={form.values.type}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isLessonType(value)) form.setValue('type', value);
          }}
          error={form.errors.type}
        />
        <Checkbox
          label={t('authoring.content.lessonRequired')}
          description={t('authoring.content.lessonRequiredHint')}
          checked={form.values.required}
          onChange={(event) => form.setValue('required', event.currentTarget.checked)}
        />
        <Group gap="sm">
          <Button type="submit" loading={create.isPending}>
            {t('authoring.content.saveLesson')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
