import { useTranslation } from 'react-i18next';
import { QueryError } from '@/components/ui/query-error';

export interface HealthErrorProps {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}

export function HealthError({ error, onRetry, retrying }: HealthErrorProps) {
  const { t } = useTranslation();
  return <QueryError title={t('health.loadError')} error={error} onRetry={onRetry} retrying={retrying} />;
}
