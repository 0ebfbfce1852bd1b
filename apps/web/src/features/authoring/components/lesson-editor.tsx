import { Alert, Anchor, Button, Card, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { updateLessonRequestSchema, type CourseDetail, type LessonDetail, type UpdateLessonRequest } from '@bdhv/contracts';
import { IconDeviceFloppy, IconEye, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useUpdateLesson } from '../api/update-lesson';
import { useUnsavedChangesGuard } from '../hooks/use-unsaved-changes';
import { authoringErrorMessage } from '../utils/errors';
import { AttachmentLessonPanel } from './attachment-lesson-panel';
import { LessonRichText, useLessonTextEditor } from './lesson-rich-text';
import { VideoLessonPanel } from './video-lesson-panel';

export interface LessonEditorProps {
  course: CourseDetail;
  lesson: LessonDetail;
  readOnly: boolean;
  previewHref: string;
  /** Moves focus to the heading (the trainer just opened this lesson). */
  focusOnMount?: boolean;
}

/** One lesson: title and "required", the text of a text lesson, the video or file of the others. */
export function LessonEditor({ course, lesson, readOnly, previewHref, focusOnMount = false }: LessonEditorProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);

  return (
    <Card component="section" aria-labelledby={headingId} withBorder radius="md" padding="lg">
      <Stack gap="lg">
        <div>
          <Text size="sm" c="dimmed" fw={600}>
            {t('authoring.lesson.kicker', { type: t(`authoring.lessonTypes.${lesson.type}`) })}
          </Text>
          <Title order={2} size="h3" id={headingId} ref={headingRef} tabIndex={-1} style={{ overflowWrap: 'anywhere' }}>
            {lesson.title}
          </Title>
          <Anchor component={Link} to={previewHref} size="sm" fw={600}>
            <Group gap={4} component="span">
              <IconEye size={16} aria-hidden="true" />
              {t('authoring.lesson.preview')}
            </Group>
          </Anchor>
        </div>
        {lesson.type === 'text' ? <TextLessonForm course={course} lesson={lesson} readOnly={readOnly} /> : <LessonDetailsForm course={course} lesson={lesson} readOnly={readOnly} />}
        {lesson.type === 'video' ? <VideoLessonPanel course={course} lesson={lesson} readOnly={readOnly} /> : null}
        {lesson.type === 'attachment' ? <AttachmentLessonPanel course={course} lesson={lesson} readOnly={readOnly} /> : null}
        {lesson.type === 'quiz' ? (
          <Alert color="blue.9" variant="light" icon={<IconInfoCircle aria-hidden="true" />} styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}>
            <Text size="sm" c="gray.9">
              {t('authoring.lesson.quizNote')}
            </Text>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

interface LessonFormProps {
  course: CourseDetail;
  lesson: LessonDetail;
  readOnly: boolean;
}

/** Title and "required", shared by every lesson type; `extra` adds fields to the same save. */
function useLessonForm({ course, lesson }: LessonFormProps) {
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

function LessonFormLayout({ state, dirty, readOnly, saveLabel, onSubmit, children }: LessonFormLayoutProps) {
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

function LessonDetailsForm(props: LessonFormProps) {
  const { t } = useTranslation();
  const state = useLessonForm(props);
  return <LessonFormLayout state={state} dirty={state.detailsDirty} readOnly={props.readOnly} saveLabel={t('authoring.lesson.save')} onSubmit={() => state.save()} />;
}

function TextLessonForm(props: LessonFormProps) {
  const { t } = useTranslation();
  const state = useLessonForm(props);
  const labelId = useId();
  // What the editor showed when it opened (or after the last save): "changed" compares with it.
  const [baseline, setBaseline] = useState<string | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const editor = useLessonTextEditor({
    content: props.lesson.textHtml ?? '',
    editable: !props.readOnly,
    labelId,
    onCreate: setBaseline,
    onChange: setHtml,
  });
  const textDirty = html !== null && html !== baseline;

  const submit = () => {
    const current = editor?.getHTML() ?? '';
    state.save({ textHtml: current }, () => {
      setBaseline(current);
      setHtml(current);
    });
  };

  return (
    <LessonFormLayout state={state} dirty={state.detailsDirty || textDirty} readOnly={props.readOnly} saveLabel={t('authoring.lesson.saveText')} onSubmit={submit}>
      <LessonRichText editor={editor} courseId={props.course.id} labelId={labelId} label={t('authoring.lesson.text')} description={props.readOnly ? undefined : t('authoring.lesson.textHint')} />
    </LessonFormLayout>
  );
}
