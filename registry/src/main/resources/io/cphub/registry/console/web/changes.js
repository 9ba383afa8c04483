import {call} from './api.js';
import {badge, el, table, time} from './dom.js';

export async function render(view) {
  const changes = await call('GET', '/v1/changes?limit=200');
  view.append(el('h1', {}, 'Recent changes'),
    el('p', {class: 'summary'}, 'The newest ' + changes.length + ' rows of the change feed the proxies follow, newest first.'),
    table([
      {title: 'Version', cell: c => c.version},
      {title: 'Committed', cell: c => time(c.committedAt)},
      {title: 'Kind', cell: c => badge(c.kind, 'kind')},
      {title: 'Name', cell: c => c.kind === 'server' ? el('span', {class: 'muted'}, 'server #' + c.key) : el('code', {}, c.key)},
      {title: 'Now routes to', cell: c => c.kind === 'server' ? el('span', {}, c.server, el('span', {class: 'muted'}, ' changed'))
        : c.server || el('span', {class: 'muted'}, 'removed')},
    ], changes));
}
