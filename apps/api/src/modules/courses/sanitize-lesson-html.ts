import sanitizeHtml from 'sanitize-html';

const LINK_URL = /^(https?:\/\/|mailto:)/i;
/** Images: absolute http(s) or our own API (`/api/…`, e.g. uploaded lesson images). */
const IMAGE_URL = /^(https?:\/\/|\/api\/)/i;

const options: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'ul', 'ol', 'li', 'a', 'img', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'strong', 'em'],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // script, style, textarea…: dropped with their content; other unknown tags keep only their text.
  disallowedTagsMode: 'discard',
  transformTags: {
    b: 'strong',
    i: 'em',
    a: (tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      const { title } = attribs;
      return { tagName, attribs: { ...(LINK_URL.test(href) ? { href } : {}), ...(title ? { title } : {}), rel: 'noopener noreferrer' } };
    },
    img: (tagName, attribs) => {
      const src = (attribs.src ?? '').trim();
      if (!IMAGE_URL.test(src) || src.startsWith('//')) return { tagName, attribs: {} };
      return { tagName, attribs: { ...attribs, src } };
    },
  },
  // An image left without a usable source is removed entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** The stored form of a text lesson: only harmless markup survives (no script, event handler, iframe or javascript: URL). */
export function sanitizeLessonHtml(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** True when the lesson shows nothing: no text and no image. */
export function isEmptyLessonHtml(html: string | null): boolean {
  if (!html) return true;
  if (/<img\b/i.test(html)) return false;
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&nbsp;|&#160;|\s/g, '') === '';
}
