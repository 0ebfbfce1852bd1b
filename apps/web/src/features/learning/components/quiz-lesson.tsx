import { Alert } from '@mantine/core';
import { IconHelpCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Quizzes arrive with the quiz engine; until then the lesson says so. */
export function QuizLesson() {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color="blue.9" icon={<IconHelpCircle aria-hidden="true" />} title={t('learning.quiz.title')} styles={{ message: { color: 'var(--mantine-color-gray-9)' }, title: { color: 'var(--mantine-color-gray-9)' } }}>
      {t('learning.quiz.placeholder')}
    </Alert>
  );
}
