// The console's shell: log in with a token, then one page per hash (#servers, #bans, ...). Every
// page reads through the v1 API; actions call the same endpoints as curl and are audited there.
import {ApiError, call, forget, setToken, token} from './api.js';
import {el, replace} from './dom.js';
import * as servers from './servers.js';
import * as contests from './contests.js';
import * as conflicts from './conflicts.js';
import * as pins from './pins.js';
import * as bans from './bans.js';
import * as route from './route.js';
import * as changes from './changes.js';
import * as audit from './audit.js';

const PAGES = {servers, contests, conflicts, pins, bans, route, changes, audit};
const $ = id => document.getElementById(id);

function status(text, kind = 'info') {
  const s = $('status');
  s.className = 'status status-' + kind;
  s.textContent = text;
}

function showLogin(message) {
  forget();
  $('app').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').value = '';
  $('token').focus();
}

/** Runs an action; refusals are shown, a refused token logs out. The answer, or null. */
async function act(fn) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showLogin('The registry refused the token (' + (e.detail || e.error) + ').');
    } else {
      status(e.message, 'error');
    }
    return null;
  }
}

const ctx = {
  act,
  done(message) {
    show().then(() => status(message, 'ok'));
  },
};

async function show() {
  const name = (location.hash.slice(1).split('?')[0]) || 'servers';
  const page = PAGES[name] || servers;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('current', a.getAttribute('href') === '#' + name);
  }
  const view = $('view');
  const next = el('div', {'data-page': name});
  status('');
  await act(async () => {
    await page.render(next, ctx);
    replace(view, next);
  });
}

async function enter() {
  try {
    await call('GET', '/v1/servers');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      showLogin(e.status === 403 ? 'That is a server token; the console needs an operator token.'
        : 'The registry refused the token (' + (e.detail || e.error) + ').');
      return;
    }
    showLogin(e.message);
    return;
  }
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('who').textContent = 'signed in';
  await show();
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const t = $('token').value.trim();
    if (!t) return;
    setToken(t);
    $('token').value = '';
    enter();
  });
  $('logout').addEventListener('click', () => showLogin('Logged out.'));
  window.addEventListener('hashchange', () => { if (token()) show(); });
  if (token()) enter(); else showLogin();
});
