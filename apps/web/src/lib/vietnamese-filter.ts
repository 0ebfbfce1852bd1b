import { foldVietnamese } from '@bdhv/contracts';
import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';

function isGroup(item: ComboboxParsedItem): item is { group: string; items: ComboboxItem[] } {
  return 'group' in item;
}

/**
 * Combobox filter that ignores case and Vietnamese diacritics, so "lang son" or "xa tan lien"
 * finds "Lạng Sơn" and "Xã Tân Liên" (people often type without accents on phones).
 */
export const vietnameseOptionsFilter: OptionsFilter = ({ options, search, limit }) => {
  const needle = foldVietnamese(search);
  const result: ComboboxParsedItem[] = [];
  for (const item of options) {
    if (result.length >= limit) break;
    if (isGroup(item)) {
      const items = item.items.filter((option) => foldVietnamese(option.label).includes(needle));
      if (items.length > 0) result.push({ group: item.group, items });
    } else if (foldVietnamese(item.label).includes(needle)) {
      result.push(item);
    }
  }
  return result;
};
