import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { vietnameseOptionsFilter } from '@/lib/vietnamese-filter';

/** An option in a hierarchy (organisation units): `depth` 0 is a root. */
export interface TreeOption {
  value: string;
  label: string;
  depth: number;
  disabled?: boolean;
}

export interface TreeSelectProps extends Omit<SelectProps, 'data' | 'renderOption' | 'filter'> {
  options: readonly TreeOption[];
}

/** A searchable Select whose options are indented by depth; search ignores diacritics. */
export function TreeSelect({ options, ...props }: TreeSelectProps) {
  const { t } = useTranslation();
  const depthOf = useMemo(() => new Map(options.map((option) => [option.value, option.depth])), [options]);
  const data = useMemo(() => options.map(({ value, label, disabled }) => ({ value, label, disabled })), [options]);
  return (
    <Select
      searchable
      nothingFoundMessage={t('common.noMatches')}
      {...props}
      data={data}
      filter={vietnameseOptionsFilter}
      renderOption={({ option }) => (
        <span style={{ paddingInlineStart: `calc(${depthOf.get(option.value) ?? 0} * 1rem)` }}>{option.label}</span>
      )}
    />
  );
}
