import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { hasAnyRole, TEACH_AREA_ROLES, useSession } from '@/lib/session';
import { paths } from '../paths';
import classes from './main-nav.module.css';

const navItems = [
  { to: paths.home, labelKey: 'nav.home', end: true, show: 'always' },
  { to: paths.catalog, labelKey: 'nav.catalog', end: false, show: 'signedIn' },
  { to: paths.myLearning, labelKey: 'nav.myLearning', end: false, show: 'signedIn' },
  { to: paths.teach, labelKey: 'nav.teach', end: false, show: 'trainer' },
  // Signed-in people find these in the footer; their header holds the learning links instead.
  { to: paths.about, labelKey: 'nav.about', end: false, show: 'anonymous' },
  { to: paths.status, labelKey: 'nav.status', end: false, show: 'anonymous' },
] as const;

export interface MainNavProps {
  orientation: 'horizontal' | 'vertical';
  /** Called with the target path when a link is activated (closes the phone menu). */
  onNavigate?: (to: string) => void;
}

/** The primary navigation. The current page's link gets `aria-current="page"` from NavLink. */
export function MainNav({ orientation, onNavigate }: MainNavProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const visible = navItems.filter((item) => {
    if (item.show === 'always') return true;
    if (item.show === 'anonymous') return !user;
    if (item.show === 'signedIn') return Boolean(user);
    return hasAnyRole(user, TEACH_AREA_ROLES);
  });
  return (
    <nav aria-label={t('nav.label')}>
      <ul className={classes.list} data-orientation={orientation}>
        {visible.map((item) => (
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
