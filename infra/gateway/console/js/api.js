// Every call goes through the gateway with the admin's token. A failure names the service it was meant for.

export const SERVICES = ['catalog', 'cart', 'ordering', 'user'];
const TOKEN = 'bazaar.console.token';

export class ServiceError extends Error {
  constructor(service, status, message, problem) {
    super(message);
    this.service = service;
    this.status = status;
    this.problem = problem;
  }

  /** The gateway could not reach the service at all (it answers 502-504 for a service that is down). */
  get unreachable() {
    return this.status === 0 || this.status === 502 || this.status === 504
      || (this.status === 503 && this.problem?.detail?.startsWith('The service behind this route'));
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN, value); else sessionStorage.removeItem(TOKEN);
  },
  /** The token's claims, read without verifying: only to greet the user; every service verifies it. */
  get claims() {
    try {
      const part = this.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(part));
    } catch {
      return null;
    }
  },
  get isAdmin() {
    return Array.isArray(this.claims?.groups) && this.claims.groups.includes('admin');
  },
};

let onUnauthorized = () => {};
export function whenUnauthorized(callback) { onUnauthorized = callback; }

/** Calls `path` on the gateway for `service`; resolves with the JSON body, rejects with a ServiceError. */
export async function call(service, path, { method = 'GET', body, token = session.token } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ServiceError(service, 0, `not reachable: the gateway did not answer (${error.message})`);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (response.ok) return json;
  const problem = json && typeof json === 'object' ? json : null;
  const error = new ServiceError(service, response.status, describe(service, response, problem), problem);
  if (response.status === 401 && token) onUnauthorized(error);
  throw error;
}

function describe(service, response, problem) {
  if (response.status === 403) return 'refused (403): this needs an admin account';
  if (response.status === 401) return 'not logged in or the session expired (401)';
  if ([502, 504].includes(response.status)
      || (response.status === 503 && problem?.detail?.startsWith('The service behind this route'))) {
    return `DOWN: not reachable through the gateway (${response.status})`;
  }
  const title = problem?.title || response.statusText || 'error';
  return `${title} (${response.status})${problem?.detail ? `: ${problem.detail}` : ''}`;
}

/** GET /api/admin/{service}/{path} */
export function admin(service, path, options) {
  return call(service, `/api/admin/${service}/${path}`, options);
}

/** Runs every promise; each result is {value} or {error}, so one failing service spoils nothing else. */
export async function settle(promises) {
  const results = await Promise.allSettled(promises);
  return results.map(r => (r.status === 'fulfilled' ? { value: r.value } : { error: r.reason }));
}
