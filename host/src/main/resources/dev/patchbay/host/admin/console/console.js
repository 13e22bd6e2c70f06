// The Patchbay web console. Reads GET /plugins and GET /pipelines every REFRESH_MILLIS and sends the pipeline
// commands. Every value from the host reaches the page through textContent or an attribute set by the DOM, never as
// markup, so a plugin's message or a record's value cannot inject anything.
'use strict';

(function () {
  const REFRESH_MILLIS = 2000;
  const REQUEST_TIMEOUT_MILLIS = 5000;
  const TOKEN_KEY = 'patchbay.adminToken';
  const COMMANDS = ['pause', 'resume', 'restart'];

  const cards = new Map();
  let previous = null;
  let pending = null;
  let timer = null;
  let inFlight = null;

  function byId(id) {
    return document.getElementById(id);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function wrap(tag, child) {
    const node = document.createElement(tag);
    node.append(child);
    return node;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function show(text, isError) {
    const message = byId('message');
    message.textContent = text;
    message.classList.toggle('error', Boolean(isError));
    message.hidden = false;
  }

  function askForToken(reason) {
    byId('token-reason').textContent = reason;
    byId('token-form').hidden = false;
    byId('token-input').focus();
  }

  // A 401 means the stored token is wrong or stale: forget it and ask again.
  function refused(reply, retry) {
    sessionStorage.removeItem(TOKEN_KEY);
    pending = retry;
    askForToken('The host refused the token (401): ' + messageOf(reply) + '. Enter the token again.');
  }

  function messageOf(reply) {
    if (reply.body && typeof reply.body.message === 'string') {
      return reply.body.message;
    }
    return 'HTTP ' + reply.status;
  }

  async function api(method, path) {
    const headers = { Accept: 'application/json' };
    const stored = token();
    if (stored) {
      headers.Authorization = 'Bearer ' + stored;
    }
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MILLIS);
    try {
      const response = await fetch(path, { method, headers, cache: 'no-store', signal: controller.signal });
      const text = await response.text();
      let body = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch (notJson) {
        body = null;
      }
      return { status: response.status, ok: response.ok, body };
    } finally {
      clearTimeout(deadline);
    }
  }

  // Instant.toString() may carry nanoseconds; Date.parse is only sure of milliseconds.
  function millis(instant) {
    return Date.parse(String(instant).replace(/(\.\d{3})\d+/, '$1'));
  }

  function rate(now, before, field, seconds) {
    if (!before || seconds <= 0 || now[field] < before[field]) {
      return '-';
    }
    return ((now[field] - before[field]) / seconds).toFixed(1);
  }

  function age(value) {
    if (value === null || value === undefined) {
      return 'no checkpoint';
    }
    return value < 1000 ? value + ' ms' : (value / 1000).toFixed(1) + ' s';
  }

  function orNone(value) {
    return value === null || value === undefined || value === '' ? 'none' : String(value);
  }

  function setState(node, state) {
    node.textContent = state;
    node.className = 'state state-' + String(state).replace(/[^A-Z_]/g, '');
  }

  function fact(list, label, className) {
    list.append(element('dt', className ? className + '-label' : null, label));
    const value = element('dd', className);
    list.append(value);
    return value;
  }

  function card(name) {
    const article = element('article', 'pipeline');
    article.dataset.pipeline = name;
    const head = element('div', 'pipeline-head');
    head.append(element('h3', 'name', name));
    const state = element('span', 'state');
    head.append(state);
    const rateNode = element('span', 'rate');
    head.append(rateNode);
    const actions = element('div', 'actions');
    for (const verb of COMMANDS) {
      const button = element('button', null, verb.charAt(0).toUpperCase() + verb.slice(1));
      button.type = 'button';
      button.dataset.action = verb;
      button.addEventListener('click', () => command(name, verb));
      actions.append(button);
    }
    head.append(actions);
    article.append(head);
    const facts = element('dl', 'facts');
    const fields = {
      restarts: fact(facts, 'Restarts'),
      uncommitted: fact(facts, 'Uncommitted records'),
      checkpointAge: fact(facts, 'Checkpoint age'),
      queued: fact(facts, 'Queued records'),
      stopReason: fact(facts, 'Stop reason'),
      waitingFor: fact(facts, 'Waiting for'),
      lastSwap: fact(facts, 'Last swap'),
      error: fact(facts, 'Last failure', 'failure'),
    };
    article.append(facts);
    const table = element('table', 'stages');
    const header = element('tr');
    for (const title of ['Stage', 'Use', 'Version', 'In', 'Out', 'Filtered', 'Failed', 'In/s', 'Out/s']) {
      header.append(element('th', ['Stage', 'Use', 'Version'].includes(title) ? null : 'number', title));
    }
    table.append(wrap('thead', header));
    const body = element('tbody');
    table.append(body);
    article.append(table);
    return { article, state, rate: rateNode, fields, stages: body };
  }

  function renderPipelines(snapshot) {
    const container = byId('pipelines');
    const at = millis(snapshot.at);
    const before = previous ? new Map(previous.pipelines.map((p) => [p.name, p])) : new Map();
    const seconds = previous ? (at - millis(previous.at)) / 1000 : 0;
    const seen = new Set();
    for (const pipeline of snapshot.pipelines) {
      seen.add(pipeline.name);
      let view = cards.get(pipeline.name);
      if (!view) {
        view = card(pipeline.name);
        cards.set(pipeline.name, view);
      }
      container.append(view.article);
      setState(view.state, pipeline.state);
      view.article.dataset.state = pipeline.state;
      const earlier = before.get(pipeline.name);
      const stagesBefore = earlier ? earlier.stages : [];
      const last = pipeline.stages[pipeline.stages.length - 1];
      const lastBefore = stagesBefore[stagesBefore.length - 1];
      view.rate.textContent = last ? rate(last, lastBefore, 'out', seconds) + ' records/s' : '';
      view.fields.restarts.textContent = String(pipeline.restarts);
      view.fields.uncommitted.textContent = String(pipeline.uncommittedRecords);
      view.fields.checkpointAge.textContent = age(pipeline.checkpointAgeMillis);
      view.fields.queued.textContent = String(pipeline.queuedRecords);
      view.fields.stopReason.textContent = orNone(pipeline.stopReason);
      view.fields.waitingFor.textContent = orNone(pipeline.waitingFor);
      view.fields.lastSwap.textContent = orNone(pipeline.lastSwap);
      view.fields.error.textContent = orNone(pipeline.error);
      view.fields.error.classList.toggle('present', Boolean(pipeline.error));
      const rows = pipeline.stages.map((stage, index) => {
        const row = element('tr');
        const stageBefore = stagesBefore[index] && stagesBefore[index].stage === stage.stage
          ? stagesBefore[index] : null;
        row.append(element('td', 'code', stage.stage), element('td', 'code', stage.use),
          element('td', 'version', orNone(stage.pluginVersion)));
        for (const value of [stage.in, stage.out, stage.filtered, stage.failed,
          rate(stage, stageBefore, 'in', seconds), rate(stage, stageBefore, 'out', seconds)]) {
          row.append(element('td', 'number', String(value)));
        }
        return row;
      });
      view.stages.replaceChildren(...rows);
    }
    for (const [name, view] of cards) {
      if (!seen.has(name)) {
        view.article.remove();
        cards.delete(name);
      }
    }
    byId('no-pipelines').hidden = snapshot.pipelines.length > 0;
    byId('host-state').textContent = snapshot.host;
    byId('updated').textContent = new Date(at).toLocaleTimeString();
    previous = snapshot;
  }

  function renderPlugins(list) {
    const rows = list.plugins.map((plugin) => {
      const row = element('tr');
      row.dataset.plugin = plugin.id;
      row.dataset.version = plugin.version;
      row.append(element('td', 'code', plugin.id), element('td', null, plugin.version));
      const state = element('span');
      setState(state, plugin.state);
      row.append(wrap('td', state));
      const problems = element('ul', 'problems');
      for (const problem of plugin.problems) {
        const item = element('li');
        item.append(element('span', 'code', problem.code), document.createTextNode(' ' + problem.message));
        problems.append(item);
      }
      row.append(wrap('td', problems));
      return row;
    });
    document.querySelector('#plugins tbody').replaceChildren(...rows);
  }

  // One refresh at a time, and one timer: a command's refresh joins the one in flight.
  function refresh() {
    if (!inFlight) {
      inFlight = load().finally(() => {
        inFlight = null;
        clearTimeout(timer);
        timer = setTimeout(refresh, REFRESH_MILLIS);
      });
    }
    return inFlight;
  }

  async function load() {
    try {
      const [pipelines, plugins] = await Promise.all([api('GET', '/pipelines'), api('GET', '/plugins')]);
      const failed = [pipelines, plugins].find((reply) => !reply.ok);
      if (failed && failed.status === 401) {
        refused(failed, null);
      } else if (failed) {
        show('The host answered ' + failed.status + ': ' + messageOf(failed), true);
      } else {
        renderPipelines(pipelines.body);
        renderPlugins(plugins.body);
      }
    } catch (unreachable) {
      show('Cannot reach the host (' + unreachable + '); retrying every ' + REFRESH_MILLIS / 1000 + ' s', true);
    }
  }

  async function command(name, verb) {
    const retry = () => command(name, verb);
    if (!token()) {
      pending = retry;
      askForToken('Enter the admin token to ' + verb + ' pipeline \u2018' + name + '\u2019.');
      return;
    }
    try {
      const reply = await api('POST', '/pipelines/' + encodeURIComponent(name) + '/' + verb);
      if (reply.status === 401) {
        refused(reply, retry);
      } else {
        show(messageOf(reply), !reply.ok);
        if (inFlight) {
          await inFlight;
        }
        await refresh();
      }
    } catch (unreachable) {
      show('Cannot ' + verb + ' pipeline \u2018' + name + '\u2019: the host did not answer (' + unreachable + ')',
        true);
    }
  }

  function start() {
    byId('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = byId('token-input').value.trim();
      if (!value) {
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, value);
      byId('token-input').value = '';
      byId('token-form').hidden = true;
      const next = pending;
      pending = null;
      if (next) {
        next();
      } else {
        refresh();
      }
    });
    if (!token()) {
      askForToken('Pausing, resuming and restarting a pipeline need the admin token.');
    }
    refresh();
  }

  document.addEventListener('DOMContentLoaded', start);
}());
