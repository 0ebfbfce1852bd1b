import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, isSupportedLanguage, type Language } from '@/lib/i18n';
import classes from './language-switch.module.css';

const options: { value: Language; short: string }[] = [
  { value: 'vi', short: 'VI' },
  { value: 'en', short: 'EN' },
];

/**
 * Radio group named "Ngôn ngữ" / "Language". Each option's accessible name is the language's
 * own name ("Tiếng Việt", "English"); narrow screens show "VI"/"EN" but keep those names.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = isSupportedLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLanguage();

  return (
    <SegmentedControl
      aria-label={t('language.label')}
      size="sm"
      radius="md"
      color="blue.9"
      value={value}
      onChange={(next) => {
        if (isSupportedLanguage(next)) void changeLanguage(next);
      }}
      classNames={{ label: classes.label }}
      data={options.map((option) => ({
        value: option.value,
        label: (
          <>
            <span className={classes.short} aria-hidden="true">
              {option.short}
            </span>
            <span className={classes.full} lang={option.value}>
              {t(`language.${option.value}`)}
            </span>
          </>
        ),
      }))}
    />
  );
}
