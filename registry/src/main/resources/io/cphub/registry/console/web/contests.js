import {call, seg} from './api.js';
import {badge, el, form, table, time} from './dom.js';

function claim(c) {
  return el('div', {class: 'claim'},
    el('strong', {}, c.server), ' ', c.account ? el('span', {class: 'muted'}, '(' + c.account + ')') : null,
    c.suspended ? [' ', badge('suspended')] : null, c.transferred ? [' ', badge('transferred')] : null,
    el('div', {class: 'muted'}, 'first seen ', time(c.firstSeen)),
    c.why ? el('div', {class: 'why'}, c.why) : null);
}

export async function render(view, ctx) {
  const contests = await call('GET', '/v1/contests');
  view.append(el('h1', {}, 'Contests'),
    el('p', {class: 'summary'}, contests.length + ' open. The standing claim keeps the route until its claim ' +
      'goes away, or until an operator decides for another server (no pin is written; audited).'));
  view.append(table([
    {title: 'Name', cell: c => el('span', {}, el('strong', {}, c.name), ' ', badge(c.kind))},
    {title: 'Waiting since', cell: c => time(c.since)},
    {title: 'Standing claim', cell: c => claim(c.standing)},
    {title: 'Waiting newcomers', cell: c => c.newcomers.map(claim)},
    {title: 'Decide', cell: c => form([
      {name: 'server', label: 'server', options: [c.standing.server, ...c.newcomers.map(n => n.server)]},
      {name: 'reason', label: 'reason', placeholder: 'reason (required)', required: true, maxlength: 500},
    ], 'Decide', async v => {
      const path = (c.kind === 'account' ? '/v1/account-contests/' : '/v1/contests/') + seg(c.name) + '/decide';
      const r = await ctx.act(() => call('POST', path, {server: v.server, reason: v.reason}));
      if (r) ctx.done('decided ' + c.name + ' for ' + v.server + ': ' + r.routesChanged + ' route change(s), feed version ' + r.version);
    }, {'data-decide': c.name})},
  ], contests, c => ({'data-contest': c.name})));
}
