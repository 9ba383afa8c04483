import {call} from './api.js';
import {el, table, time} from './dom.js';

export async function render(view) {
  const rows = await call('GET', '/v1/audit?limit=200');
  view.append(el('h1', {}, 'Audit log'),
    el('p', {class: 'summary'}, 'Every operator action, from this console, the HTTP API or the CLI, newest first (' + rows.length + ' shown).'),
    table([
      {title: 'When', cell: a => time(a.at)},
      {title: 'Who', cell: a => el('span', {}, a.actor, el('span', {class: 'muted'}, ' (' + a.actorKind + ')'))},
      {title: 'Action', cell: a => el('code', {}, a.action)},
      {title: 'Target', cell: a => a.target},
      {title: 'Reason', cell: a => a.reason || el('span', {class: 'muted'}, '-')},
      {title: 'Detail', cell: a => el('code', {class: 'detail'}, JSON.stringify(a.detail))},
    ], rows, a => ({'data-audit': a.action})));
}
