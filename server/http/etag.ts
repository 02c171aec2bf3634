/**
 * If-None-Match as RFC 9110 reads it: a list of tags compared weakly, so that `W/"abc"` matches
 * `"abc"`. A proxy that compresses a response (nginx with gzip, server/deploy/nginx-pac.conf)
 * hands it on with a weakened ETag, and the browser or the pane sends that form back.
 */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strong = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === strong;
  });
}
