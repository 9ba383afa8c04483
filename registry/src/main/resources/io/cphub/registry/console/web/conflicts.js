import {call} from './api.js';
import {badge, el, table, time} from './dom.js';

export async function render(view) {
  const [domains, accounts] = await Promise.all([call('GET', '/v1/conflicts'), call('GET', '/v1/account-conflicts')]);
  view.append(el('h1', {}, 'Conflicts'),
    el('p', {class: 'summary'}, 'Names claimed by several servers, the winner and why. Decide open contests on the ' +
      'Contests page; pin with the CLI or PUT /v1/pins.'),
    el('h2', {}, 'Domains (' + domains.length + ')'),
    table([
      {title: 'Domain', cell: c => el('strong', {}, c.domain)},
      {title: 'Claims', cell: c => c.claims.map(x => el('div', {}, x.server, ' ', el('span', {class: 'muted'},
        '(' + x.account + ', ' + x.kind + ')'), x.suspended ? [' ', badge('suspended')] : null, ' ', time(x.firstSeen)))},
      {title: 'Winner', cell: c => c.winner || el('span', {class: 'muted'}, 'none')},
      {title: 'Why', cell: c => c.reason},
    ], domains, c => ({'data-conflict': c.domain})),
    el('h2', {}, 'cPanel usernames (' + accounts.length + ')'),
    table([
      {title: 'Username', cell: c => el('strong', {}, c.username)},
      {title: 'Accounts', cell: c => c.accounts.map(x => el('div', {}, x.server, ' ', el('span', {class: 'muted'},
        '(' + x.primaryDomain + ')'), x.suspended ? [' ', badge('suspended')] : null, ' ', time(x.firstSeen)))},
      {title: 'Winner', cell: c => c.winner || el('span', {class: 'muted'}, 'none')},
      {title: 'Why', cell: c => c.reason},
    ], accounts));
}
