// The registry's v1 API, called with the operator's bearer token from session storage. The token
// goes in the Authorization header only: no cookie, so another site cannot make the browser send
// it (requests are CSRF-safe by construction).

const KEY = 'cphub.console.token';

export class ApiError extends Error {
  constructor(status, error, detail) {
    super(error + (detail ? ': ' + detail : ''));
    this.status = status;
    this.error = error;
    this.detail = detail;
  }
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(t) {
  sessionStorage.setItem(KEY, t);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

/** One call; the parsed JSON answer, or ApiError (status 0 when the registry did not answer). */
export async function call(method, path, body) {
  const headers = {Authorization: 'Bearer ' + (token() || '')};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', redirect: 'error'});
  } catch (e) {
    throw new ApiError(0, 'unreachable', 'the registry did not answer (' + e.message + ')');
  }
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    throw new ApiError(r.status, 'bad_answer', 'the registry answered something that is not JSON');
  }
  if (!r.ok) {
    throw new ApiError(r.status, json && json.error || 'http_' + r.status, json && json.detail);
  }
  return json;
}

/** A path segment, escaped (a '+' or '/' in a login or network stays part of the segment). */
export function seg(s) {
  return encodeURIComponent(s);
}
