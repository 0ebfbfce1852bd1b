/** Route paths. Slugs stay Vietnamese in every UI language. */
export const paths = {
  home: '/',
  about: '/gioi-thieu',
  status: '/trang-thai',
} as const;
