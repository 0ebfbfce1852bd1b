import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface PaginationBarProps {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  /** Names the navigation landmark; must be unique on the page. */
  label: string;
}

/** "Showing 21–40 of 53" plus page buttons with spoken names. */
export function PaginationBar({ page, pageSize, total, onChange, label }: PaginationBarProps) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const format = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN');
  return (
    <Group justify="space-between" gap="sm" mt="md">
      <Text size="sm" aria-live="polite">
        {t('pagination.summary', { from: format(from), to: format(to), total: format(total) })}
      </Text>
      {pages > 1 ? (
        <nav aria-label={label}>
          <Pagination
            total={pages}
            value={page}
            onChange={onChange}
            size="md"
            siblings={1}
            boundaries={1}
            getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
            getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
