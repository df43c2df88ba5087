// Route templates: the shape of an address without its ids, so that a check or a crawl speaks of
// "the person's page" once, not of ten thousand persons.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route template of a path: ids, numbers and tokens become `{id}`. */
export function template(pathname) {
  return pathname
    .split('/')
    .map((seg) => (UUID.test(seg) || /^\d+$/.test(seg) || /^[A-Za-z0-9_-]{20,}$/.test(seg) ? '{id}' : seg))
    .join('/');
}
