import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface CourseProgressBarProps {
  percent: number;
  /** Names the progress bar; "Tiến độ khóa học" by default. */
  label?: string;
  /** "1/2 required lessons completed", when known. */
  completed?: { done: number; required: number };
  size?: 'sm' | 'md' | 'lg';
}

/** The course's completion: a labelled progress bar (aria-valuenow = percent) with the figures written out. */
export function CourseProgressBar({ percent, label, completed, size = 'lg' }: CourseProgressBarProps) {
  const { t } = useTranslation();
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          {t('learning.progress.percent', { percent: value })}
        </Text>
        {completed ? (
          <Text size="sm">{t('learning.progress.lessonsDone', { done: completed.done, required: completed.required })}</Text>
        ) : null}
      </Group>
      <Progress value={value} size={size} radius="xl" color={value >= 100 ? 'teal.9' : 'blue.9'} aria-label={label ?? t('learning.progress.label')} />
    </div>
  );
}
