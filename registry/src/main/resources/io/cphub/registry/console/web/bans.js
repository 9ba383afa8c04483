import {call, seg} from './api.js';
import {badge, el, form, table, time} from './dom.js';

export async function render(view, ctx) {
  const all = new URLSearchParams(location.hash.split('?')[1] || '').get('all') === 'true';
  const bans = await call('GET', '/v1/bans' + (all ? '?all=true' : ''));
  view.append(el('h1', {}, 'Bans'),
    el('p', {class: 'summary'}, bans.length + (all ? ' bans (in force, ended and lifted). ' : ' bans in force. '),
      el('a', {href: all ? '#bans' : '#bans?all=true'}, all ? 'Show only bans in force' : 'Show ended and lifted too'),
      '. Lifting NOTIFYs every proxy, which stops enforcing the ban within a second (audited).'),
    table([
      {title: 'Target', cell: b => el('span', {}, badge(b.kind), ' ', el('code', {}, b.key))},
      {title: 'Reason', cell: b => b.reason},
      {title: 'Failures / attempts', cell: b => b.failures + ' / ' + b.attempts},
      {title: 'Offence', cell: b => b.offences},
      {title: 'Since', cell: b => time(b.createdAt)},
      {title: 'Until', cell: b => time(b.expiresAt)},
      {title: 'By', cell: b => b.createdBy},
      {title: 'State', cell: b => b.state === 'lifted'
        ? el('span', {}, badge('lifted'), ' by ', b.liftedBy, ' ', time(b.liftedAt)) : badge(b.state.replace('_', ' '), b.state)},
      {title: 'Lift', cell: b => b.state !== 'in_force' ? '' : form(
        [{name: 'reason', label: 'reason', placeholder: 'reason', maxlength: 500}], 'Lift', async v => {
          const r = await ctx.act(() => call('DELETE', '/v1/bans/' + seg(b.kind) + '/' + seg(b.key) +
            '?reason=' + encodeURIComponent(v.reason || '')));
          if (r) ctx.done('lifted the ' + r.kind + ' ban on ' + r.key);
        })},
    ], bans, b => ({'data-ban': b.kind + ' ' + b.key})));
}
