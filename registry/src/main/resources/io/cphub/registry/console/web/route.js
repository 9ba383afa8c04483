import {ApiError, call, seg} from './api.js';
import {el, form, replace} from './dom.js';

export async function render(view) {
  const out = el('div', {id: 'route-result', 'aria-live': 'polite'});
  view.append(el('h1', {}, 'Route lookup'),
    el('p', {class: 'summary'}, 'Where a login (local@domain, local+domain, a bare cPanel username) or a domain routes.'),
    form([{name: 'login', label: 'login or domain', placeholder: 'info@example.com', required: true, maxlength: 320}],
      'Look up', async v => {
        try {
          const r = await call('GET', '/v1/routes/' + seg(v.login.trim()));
          replace(out, el('dl', {class: 'route'},
            el('dt', {}, 'Routed by'), el('dd', {}, el('code', {}, r.key)),
            el('dt', {}, 'Server'), el('dd', {class: 'route-server'}, r.server),
            el('dt', {}, 'Address'), el('dd', {}, el('code', {}, r.address)),
            el('dt', {}, 'Account'), el('dd', {}, r.account),
            el('dt', {}, 'Feed version'), el('dd', {}, r.version)));
        } catch (e) {
          if (!(e instanceof ApiError) || e.status === 401) throw e;
          replace(out, el('p', {class: e.status === 404 ? 'empty' : 'error'}, e.status === 404 ? 'no route: ' + e.detail : e.message));
        }
      }, {id: 'route-form'}),
    out);
}
