import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '../paths';
import classes from './main-nav.module.css';

const navItems = [
  { to: paths.home, labelKey: 'nav.home', end: true },
  { to: paths.about, labelKey: 'nav.about', end: false },
  { to: paths.status, labelKey: 'nav.status', end: false },
] as const;

export interface MainNavProps {
  orientation: 'horizontal' | 'vertical';
  /** Called with the target path when a link is activated (closes the phone menu). */
  onNavigate?: (to: string) => void;
}

/** The primary navigation. The current page's link gets `aria-current="page"` from NavLink. */
export function MainNav({ orientation, onNavigate }: MainNavProps) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')}>
      <ul className={classes.list} data-orientation={orientation}>
        {navItems.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className={classes.link} onClick={() => onNavigate?.(item.to)}>
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
