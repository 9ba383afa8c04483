import {call, seg} from './api.js';
import {badge, el, form, table, time} from './dom.js';

export async function render(view, ctx) {
  const pins = await call('GET', '/v1/pins');
  view.append(el('h1', {}, 'Pins'),
    el('p', {class: 'summary'}, pins.length + ' pins. A pin routes a name to one of the servers that hold it; an ' +
      'inactive pin (its server no longer holds the name, or is retired) decides nothing until removed.'),
    table([
      {title: 'Name', cell: p => el('span', {}, el('strong', {}, p.name), ' ', badge(p.kind))},
      {title: 'Server', cell: p => p.server},
      {title: 'Reason', cell: p => p.reason},
      {title: 'Since', cell: p => time(p.createdAt)},
      {title: 'Active', cell: p => p.active ? badge('active') : badge('inactive')},
      {title: 'Remove', cell: p => form([{name: 'reason', label: 'reason', placeholder: 'reason', maxlength: 500}],
        'Unpin', async v => {
          const base = p.kind === 'account' ? '/v1/account-pins/' : '/v1/pins/';
          const r = await ctx.act(() => call('DELETE', base + seg(p.name) + '?reason=' + encodeURIComponent(v.reason || '')));
          if (r) ctx.done('unpinned ' + p.name + ': ' + r.routesChanged + ' route change(s)');
        })},
    ], pins, p => ({'data-pin': p.name})));
}
