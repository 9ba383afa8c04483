import {call} from './api.js';
import {age, badge, el, table, time} from './dom.js';

/** A server is stale without an accepted full snapshot for this long (the CphubServerNotSyncing alert's threshold). */
export const STALE_SECONDS = 7200;

export function stale(s) {
  return s.state !== 'retired' && (s.snapshotAgeSeconds === null || s.snapshotAgeSeconds > STALE_SECONDS);
}

/** Stale servers first (never synced, then the oldest snapshot), then by name. */
export function order(servers) {
  const rank = s => stale(s) ? (s.snapshotAgeSeconds === null ? Infinity : s.snapshotAgeSeconds) : -1;
  return [...servers].sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
}

function agent(a) {
  if (!a) return el('span', {class: 'muted'}, 'no report');
  return el('span', {},
    'v', a.version, ' · spool ', a.spoolDepth, ' · WHM read ', time(a.lastWhmRead),
    a.lastError ? el('div', {class: 'error'}, a.lastError) : null);
}

export async function render(view) {
  const servers = order(await call('GET', '/v1/servers'));
  const staleCount = servers.filter(stale).length;
  view.append(
    el('h1', {}, 'Servers'),
    el('p', {class: 'summary'}, servers.length + ' servers, ', el('strong', {}, staleCount + ' stale'),
      ' (no accepted full snapshot for over ' + STALE_SECONDS / 3600 + ' h, or never)'),
    table([
      {title: 'Server', cell: s => el('span', {}, s.name, stale(s) ? [' ', badge('stale')] : null)},
      {title: 'State', cell: s => badge(s.state)},
      {title: 'Address', cell: s => el('code', {}, s.address)},
      {title: 'Last full snapshot', cell: s => el('span', {}, time(s.lastSnapshot),
        s.lastSnapshot ? el('span', {class: 'muted'}, ' (' + age(s.snapshotAgeSeconds) + ' ago)') : null)},
      {title: 'Last push', cell: s => time(s.lastSync)},
      {title: 'Agent', cell: s => agent(s.agent)},
    ], servers, s => ({'data-server': s.name, class: stale(s) ? 'stale' : null})));
}
