// Building the page from data without ever parsing it as HTML: every value becomes a text node,
// attributes are set one by one (never an event-handler attribute). The console has no HTML
// parsing of data anywhere: a value holding a script tag stays text.

/** An element: el('td', {class: 'x'}, 'text', childNode, ...). Strings and numbers become text. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') {
      for (const [type, fn] of Object.entries(v)) e.addEventListener(type, fn);
    } else if (/^on/i.test(k)) {
      throw new Error('event handler attribute ' + k + ' refused');
    } else {
      e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of a node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A table: columns [{title, cell(row) -> node|string}], rows; an empty list says so. */
export function table(columns, rows, rowAttrs = () => ({})) {
  if (rows.length === 0) return el('p', {class: 'empty'}, 'none');
  return el('table', {},
    el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c.title)))),
    el('tbody', {}, rows.map(r => el('tr', rowAttrs(r), columns.map(c => el('td', {}, c.cell(r)))))));
}

/** A coloured label. */
export function badge(text, kind = text) {
  return el('span', {class: 'badge badge-' + String(kind).replace(/[^a-z0-9_-]/gi, '')}, text);
}

/** An ISO instant shown in UTC, with the full value as tooltip; '-' for none. */
export function time(iso) {
  if (!iso) return el('span', {class: 'muted'}, 'never');
  const d = new Date(iso);
  const text = isNaN(d) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return el('time', {datetime: iso, title: iso}, text);
}

/** A duration in seconds, short (42 s, 5 min, 3 h, 2 d). */
export function age(seconds) {
  if (seconds === null || seconds === undefined) return 'never';
  if (seconds < 90) return seconds + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h';
  return Math.round(seconds / 86400) + ' d';
}

/** A small form: fields [{name, label, placeholder, options}], a button; onSubmit(values, form). */
export function form(fields, button, onSubmit, attrs = {}) {
  const f = el('form', {class: 'inline', autocomplete: 'off', ...attrs});
  for (const x of fields) {
    const input = x.options
      ? el('select', {name: x.name, 'aria-label': x.label}, x.options.map(o => el('option', {value: o}, o)))
      : el('input', {name: x.name, 'aria-label': x.label, placeholder: x.placeholder || x.label,
        required: x.required, type: x.type || 'text', spellcheck: 'false', maxlength: x.maxlength});
    f.append(input);
  }
  f.append(el('button', {type: 'submit'}, button));
  f.addEventListener('submit', ev => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(f).entries());
    onSubmit(values, f);
  });
  return f;
}
