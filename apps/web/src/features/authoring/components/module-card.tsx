import { ActionIcon, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { updateModuleRequestSchema, type CourseDetail, type CourseModuleDetail, type LessonDetail } from '@bdhv/contracts';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useUpdateModule } from '../api/update-module';
import { authoringErrorMessage } from '../utils/errors';
import { AddLessonForm } from './add-lesson-form';
import classes from './authoring.module.css';

export type MoveDirection = 'up' | 'down';

/** `data-move` value of a reorder button, used to keep keyboard focus on it after the move. */
export function moveControlKey(id: string, direction: MoveDirection): string {
  return `${id}:${direction}`;
}

export interface ModuleCardProps {
  course: CourseDetail;
  module: CourseModuleDetail;
  index: number;
  readOnly: boolean;
  selectedLessonId: string | null;
  /** The address (search part) that opens a lesson in the editor. */
  lessonSearch: (lessonId: string) => string;
  addingLesson: boolean;
  onToggleAddLesson: () => void;
  onLessonCreated: (lessonId: string) => void;
  onMove: (direction: MoveDirection) => void;
  onMoveLesson: (lessonId: string, direction: MoveDirection) => void;
  onDelete: () => void;
  onDeleteLesson: (lesson: LessonDetail) => void;
}

/** One module: its heading and actions, its lessons in order, and "add lesson". */
export function ModuleCard(props: ModuleCardProps) {
  const { course, module, index, readOnly, selectedLessonId, lessonSearch, addingLesson, onToggleAddLesson, onLessonCreated, onMove, onMoveLesson, onDelete, onDeleteLesson } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const addFormId = useId();
  const [renaming, setRenaming] = useState(false);
  const renameButtonRef = useRef<HTMLButtonElement>(null);
  const last = course.modules.length - 1;
  const name = module.title;

  const stopRenaming = () => {
    setRenaming(false);
    // Back to the control that opened the form.
    requestAnimationFrame(() => renameButtonRef.current?.focus());
  };

  return (
    <Card component="section" aria-labelledby={headingId} withBorder radius="md" padding="md" className={classes.panel}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div className={classes.wrap} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('authoring.content.moduleNumber', { number: index + 1 })}
            </Text>
            <Title order={3} size="h4" id={headingId}>
              {name}
            </Title>
          </div>
          {readOnly ? null : (
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                size="lg"
                aria-label={t('authoring.content.moveModuleUp', { title: name })}
                data-move={moveControlKey(module.id, 'up')}
                disabled={index === 0}
                onClick={() => onMove('up')}
              >
                <IconArrowUp size={18} aria-hidden="true" />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                size="lg"
                aria-label={t('authoring.content.moveModuleDown', { title: name })}
                data-move={moveControlKey(module.id, 'down')}
                disabled={index === last}
                onClick={() => onMove('down')}
              >
                <IconArrowDown size={18} aria-hidden="true" />
              </ActionIcon>
              <ActionIcon
                ref={renameButtonRef}
                variant="subtle"
                size="lg"
                aria-label={t('authoring.content.renameModule', { title: name })}
                aria-expanded={renaming}
                onClick={() => setRenaming((value) => !value)}
              >
                <IconPencil size={18} aria-hidden="true" />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={t('authoring.content.deleteModule', { title: name })} onClick={onDelete}>
                <IconTrash size={18} aria-hidden="true" />
              </ActionIcon>
            </Group>
          )}
        </Group>

        {renaming ? <RenameModuleForm course={course} module={module} onDone={stopRenaming} /> : null}

        {module.lessons.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('authoring.content.noLessons')}
          </Text>
        ) : (
          <ol className={classes.lessons} aria-label={t('authoring.content.lessonsOf', { title: name })}>
            {module.lessons.map((lesson, lessonIndex) => (
              <LessonRow
                key={lesson.id}
                lesson={lesson}
                number={lessonIndex + 1}
                first={lessonIndex === 0}
                last={lessonIndex === module.lessons.length - 1}
                selected={lesson.id === selectedLessonId}
                search={lessonSearch(lesson.id)}
                readOnly={readOnly}
                onMove={(direction) => onMoveLesson(lesson.id, direction)}
                onDelete={() => onDeleteLesson(lesson)}
              />
            ))}
          </ol>
        )}

        {readOnly ? null : (
          <>
            <Group>
              <Button
                variant={addingLesson ? 'light' : 'default'}
                size="sm"
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                aria-expanded={addingLesson}
                aria-controls={addingLesson ? addFormId : undefined}
                aria-label={t('authoring.content.addLessonTo', { title: name })}
                onClick={onToggleAddLesson}
              >
                {t('authoring.content.addLesson')}
              </Button>
            </Group>
            {addingLesson ? <AddLessonForm id={addFormId} course={course} module={module} onCreated={onLessonCreated} onCancel={onToggleAddLesson} /> : null}
          </>
        )}
      </Stack>
    </Card>
  );
}

function RenameModuleForm({ course, module, onDone }: { course: CourseDetail; module: CourseModuleDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ title: module.title });
  const update = useUpdateModule();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(updateModuleRequestSchema, { title: form.values.title }, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    update.mutate({ courseId: course.id, moduleId: module.id, title: result.data.title }, { onSuccess: onDone, onError: (error) => form.showErrors(fieldErrorsFromApi(error)) });
  };

  return (
    <form {...form.formProps} onSubmit={handleSubmit} noValidate aria-label={t('authoring.content.renameModule', { title: module.title })}>
      <Stack gap="sm">
        {update.isError && !form.errors.title ? <FormError>{authoringErrorMessage(update.error, t)}</FormError> : null}
        <TextInput label={t('authoring.content.moduleNewTitle')} autoComplete="off" autoFocus {...form.textProps('title')} />
        <Group gap="sm">
          <Button type="submit" size="sm" loading={update.isPending}>
            {t('authoring.content.saveModuleTitle')}
          </Button>
          <Button variant="default" size="sm" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface LessonRowProps {
  lesson: LessonDetail;
  number: number;
  first: boolean;
  last: boolean;
  selected: boolean;
  search: string;
  readOnly: boolean;
  onMove: (direction: MoveDirection) => void;
  onDelete: () => void;
}

function LessonRow({ lesson, number, first, last, selected, search, readOnly, onMove, onDelete }: LessonRowProps) {
  const { t } = useTranslation();
  const missing =
    lesson.type === 'video' && !lesson.mediaId
      ? t('authoring.content.missing.video')
      : lesson.type === 'attachment' && !lesson.attachmentKey
        ? t('authoring.content.missing.attachment')
        : lesson.type === 'text' && !lesson.textHtml
          ? t('authoring.content.missing.text')
          : null;
  return (
    <li className={classes.lessonRow} data-selected={selected}>
      <Link to={{ search }} replace className={classes.lessonLink} aria-current={selected ? 'true' : undefined}>
        <span className={classes.lessonTitle}>
          {number}. {lesson.title}
        </span>
        <Group gap={6} mt={2} component="span">
          <Text span size="xs" c="gray.8">
            {t(`authoring.lessonTypes.${lesson.type}`)} · {lesson.required ? t('authoring.content.required') : t('authoring.content.optional')}
          </Text>
          {missing ? (
            <Badge component="span" size="sm" variant="outline" color="orange.9" radius="sm" tt="none" styles={{ label: { color: 'var(--mantine-color-gray-9)' } }}>
              {missing}
            </Badge>
          ) : null}
        </Group>
      </Link>
      {readOnly ? null : (
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('authoring.content.moveLessonUp', { title: lesson.title })}
            data-move={moveControlKey(lesson.id, 'up')}
            disabled={first}
            onClick={() => onMove('up')}
          >
            <IconArrowUp size={16} aria-hidden="true" />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('authoring.content.moveLessonDown', { title: lesson.title })}
            data-move={moveControlKey(lesson.id, 'down')}
            disabled={last}
            onClick={() => onMove('down')}
          >
            <IconArrowDown size={16} aria-hidden="true" />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={t('authoring.content.deleteLesson', { title: lesson.title })} onClick={onDelete}>
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
      )}
    </li>
  );
}
