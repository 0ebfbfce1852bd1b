import { Card, Grid, Stack, Text, Title } from '@mantine/core';
import type { CourseDetail, LessonDetail } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormError } from '@/components/ui/form-error';
import { useDeleteLesson } from '../api/delete-lesson';
import { useDeleteModule } from '../api/delete-module';
import { useReorderLessons } from '../api/reorder-lessons';
import { useReorderModules } from '../api/reorder-modules';
import { lessonSearch } from '../utils/editor-params';
import { authoringErrorMessage } from '../utils/errors';
import { AddModuleForm } from './add-module-form';
import { LessonEditor } from './lesson-editor';
import { ModuleCard, moveControlKey, type MoveDirection } from './module-card';
import classes from './authoring.module.css';

export interface CourseContentTabProps {
  course: CourseDetail;
  readOnly: boolean;
  selectedLessonId: string | null;
  onSelectLesson: (lessonId: string | null) => void;
  lessonPreviewHref: (lessonId: string) => string;
}

type PendingDelete = { kind: 'module'; id: string; title: string } | { kind: 'lesson'; id: string; title: string } | null;

/** `ids` with the item at `index` swapped with its neighbour; null at either end. */
export function moveId(ids: readonly string[], id: string, direction: MoveDirection): string[] | null {
  const index = ids.indexOf(id);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= ids.length) return null;
  const next = [...ids];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

function findLesson(course: CourseDetail, lessonId: string | null): LessonDetail | null {
  if (!lessonId) return null;
  for (const module of course.modules) {
    const lesson = module.lessons.find((l) => l.id === lessonId);
    if (lesson) return lesson;
  }
  return null;
}

/** Modules and lessons on one side (ordering, adding, deleting), the selected lesson's editor on the other. */
export function CourseContentTab({ course, readOnly, selectedLessonId, onSelectLesson, lessonPreviewHref }: CourseContentTabProps) {
  const { t } = useTranslation();
  const outlineTitleId = useId();
  const outlineRef = useRef<HTMLDivElement>(null);
  const [searchParams] = useSearchParams();
  const [addingLessonTo, setAddingLessonTo] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<PendingDelete>(null);
  const focusAfterMove = useRef<{ id: string; direction: MoveDirection } | null>(null);
  // Focus moves to the lesson editor when the trainer opens a lesson, not on the first load.
  const [initialLessonId] = useState(selectedLessonId);
  const reorderModules = useReorderModules();
  const reorderLessons = useReorderLessons();
  const deleteModule = useDeleteModule();
  const deleteLesson = useDeleteLesson();
  const selected = findLesson(course, selectedLessonId);

  // A moved item's button may have been re-inserted in the page (losing focus): put focus back
  // on it, or on its other button when it reached an end.
  useEffect(() => {
    const moved = focusAfterMove.current;
    if (!moved) return;
    const root = outlineRef.current;
    const find = (direction: MoveDirection) => root?.querySelector<HTMLButtonElement>(`[data-move="${moveControlKey(moved.id, direction)}"]`);
    const preferred = find(moved.direction);
    const target = preferred && !preferred.disabled ? preferred : find(moved.direction === 'up' ? 'down' : 'up');
    target?.focus();
    focusAfterMove.current = null;
  }, [course]);


  const moveModule = (moduleId: string, direction: MoveDirection) => {
    const ids = moveId(
      course.modules.map((m) => m.id),
      moduleId,
      direction,
    );
    if (!ids) return;
    reorderLessons.reset();
    focusAfterMove.current = { id: moduleId, direction };
    reorderModules.mutate({ courseId: course.id, ids });
  };

  const moveLesson = (moduleId: string, lessonId: string, direction: MoveDirection) => {
    const module = course.modules.find((m) => m.id === moduleId);
    const ids = module
      ? moveId(
          module.lessons.map((l) => l.id),
          lessonId,
          direction,
        )
      : null;
    if (!ids) return;
    reorderModules.reset();
    focusAfterMove.current = { id: lessonId, direction };
    reorderLessons.mutate({ courseId: course.id, moduleId, ids });
  };

  const confirmDelete = () => {
    if (!pendingDelete) return;
    const close = () => setPendingDelete(null);
    if (pendingDelete.kind === 'module') {
      const module = course.modules.find((m) => m.id === pendingDelete.id);
      deleteModule.mutate(
        { courseId: course.id, moduleId: pendingDelete.id },
        {
          onSuccess: () => {
            if (module?.lessons.some((l) => l.id === selectedLessonId)) onSelectLesson(null);
            notifications.show({ color: 'teal.9', message: t('authoring.notifications.moduleDeleted', { title: pendingDelete.title }) });
            close();
          },
          onError: close,
        },
      );
    } else {
      deleteLesson.mutate(
        { courseId: course.id, lessonId: pendingDelete.id },
        {
          onSuccess: () => {
            if (pendingDelete.id === selectedLessonId) onSelectLesson(null);
            notifications.show({ color: 'teal.9', message: t('authoring.notifications.lessonDeleted', { title: pendingDelete.title }) });
            close();
          },
          onError: close,
        },
      );
    }
  };

  const writeError = reorderModules.error ?? reorderLessons.error ?? deleteModule.error ?? deleteLesson.error;

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md" component="section" aria-labelledby={outlineTitleId} ref={outlineRef}>
          <Title order={2} size="h3" id={outlineTitleId}>
            {t('authoring.content.outlineTitle')}
          </Title>
          {writeError ? <FormError title={t('authoring.content.writeFailed')}>{authoringErrorMessage(writeError, t)}</FormError> : null}
          {course.modules.length === 0 ? <Text c="dimmed">{readOnly ? t('authoring.content.emptyReadOnly') : t('authoring.content.empty')}</Text> : null}
          {course.modules.length > 0 ? (
            <ol className={classes.outline}>
              {course.modules.map((module, index) => (
                <li key={module.id}>
                  <ModuleCard
                    course={course}
                    module={module}
                    index={index}
                    readOnly={readOnly}
                    selectedLessonId={selectedLessonId}
                    lessonSearch={(lessonId) => lessonSearch(searchParams, lessonId)}
                    addingLesson={addingLessonTo === module.id}
                    onToggleAddLesson={() => setAddingLessonTo((current) => (current === module.id ? null : module.id))}
                    onLessonCreated={(lessonId) => {
                      setAddingLessonTo(null);
                      onSelectLesson(lessonId);
                    }}
                    onMove={(direction) => moveModule(module.id, direction)}
                    onMoveLesson={(lessonId, direction) => moveLesson(module.id, lessonId, direction)}
                    onDelete={() => setPendingDelete({ kind: 'module', id: module.id, title: module.title })}
                    onDeleteLesson={(lesson) => setPendingDelete({ kind: 'lesson', id: lesson.id, title: lesson.title })}
                  />
                </li>
              ))}
            </ol>
          ) : null}
          {readOnly ? null : <AddModuleForm course={course} />}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {selected ? (
          <LessonEditor
            key={selected.id}
            course={course}
            lesson={selected}
            readOnly={readOnly}
            previewHref={lessonPreviewHref(selected.id)}
            focusOnMount={selected.id !== initialLessonId}
          />
        ) : (
          <Card withBorder radius="md" padding="lg">
            <Text c="dimmed">{course.modules.some((m) => m.lessons.length > 0) ? t('authoring.content.pickLesson') : t('authoring.content.noLessonYet')}</Text>
          </Card>
        )}
      </Grid.Col>

      <ConfirmDialog
        opened={pendingDelete !== null}
        title={pendingDelete?.kind === 'module' ? t('authoring.content.deleteModuleTitle') : t('authoring.content.deleteLessonTitle')}
        confirmLabel={t('authoring.content.confirmDelete')}
        danger
        pending={deleteModule.isPending || deleteLesson.isPending}
        onCancel={() => setPendingDelete(null)}
        onConfirm={confirmDelete}
      >
        {pendingDelete?.kind === 'module'
          ? t('authoring.content.deleteModuleBody', { title: pendingDelete.title })
          : t('authoring.content.deleteLessonBody', { title: pendingDelete?.title ?? '' })}
      </ConfirmDialog>
    </Grid>
  );
}
