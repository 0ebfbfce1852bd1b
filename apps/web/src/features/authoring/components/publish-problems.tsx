import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemTarget, PublishProblem } from '../utils/publish-problems';
import classes from './authoring.module.css';

export interface PublishProblemsProps {
  title: string;
  problems: readonly PublishProblem[];
  onGoTo: (target: ProblemTarget) => void;
  onDismiss: () => void;
}

/** Every reason publishing was refused, as a list; each reason opens the place that fixes it. */
export function PublishProblems({ title, problems, onGoTo, onDismiss }: PublishProblemsProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  // Keyboard and screen-reader users land on the list.
  useEffect(() => {
    ref.current?.focus();
  }, [problems]);

  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red.9"
      variant="light"
      role="alert"
      title={title}
      icon={<IconAlertTriangle aria-hidden="true" />}
      mb="lg"
      styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}
      data-testid="publish-problems"
    >
      <Stack gap="sm">
        <Text size="sm" c="gray.9">
          {t('authoring.publish.problemsIntro', { count: problems.length })}
        </Text>
        <ul className={classes.problems} aria-label={t('authoring.publish.problemsLabel')}>
          {problems.map((problem, index) => (
            <li key={`${index}-${problem.message}`}>
              {problem.target ? (
                <Anchor component="button" type="button" size="sm" c="gray.9" ta="start" onClick={() => onGoTo(problem.target!)}>
                  {problem.message}
                </Anchor>
              ) : (
                <Text size="sm" c="gray.9">
                  {problem.message}
                </Text>
              )}
            </li>
          ))}
        </ul>
        <Group>
          <Button variant="default" size="compact-md" onClick={onDismiss}>
            {t('authoring.publish.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
