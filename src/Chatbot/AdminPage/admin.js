// The pilot report page: asks for the admin key, keeps it in this tab's session storage, fetches /admin/report with it
// and draws the report. Everything from the server is written with textContent, never parsed as markup: questions are
// what users typed.
(function () {
  'use strict';

  var KEY_STORAGE = 'chatbot-admin-key';
  var HEADER = 'X-Api-Key';
  var charts = [];

  var byId = function (id) { return document.getElementById(id); };

  function key() { return sessionStorage.getItem(KEY_STORAGE); }

  function setState(state, message) {
    document.body.dataset.state = state;
    byId('status').textContent = message || '';
  }

  function showLocked(message) {
    sessionStorage.removeItem(KEY_STORAGE);
    byId('unlock').hidden = false;
    byId('period').hidden = true;
    byId('report').hidden = true;
    setState('locked', message);
    byId('key').focus();
  }

  function fetchJson(path) {
    return fetch(path, { headers: { [HEADER]: key(), Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        return response.text().then(function (text) {
          var body = null;
          try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
          return { status: response.status, ok: response.ok, body: body };
        });
      });
  }

  function problemText(result) {
    var body = result.body || {};
    var parts = [body.title || ('The server answered ' + result.status + '.')];
    if (body.detail) { parts.push(body.detail); }
    if (body.errors) {
      Object.keys(body.errors).forEach(function (name) { parts.push(name + ': ' + body.errors[name].join(' ')); });
    }
    return parts.join(' ');
  }

  function load() {
    if (!key()) { showLocked(''); return; }
    byId('unlock').hidden = true;
    byId('period').hidden = false;
    setState('loading', 'Loading the report…');
    fetchJson('/admin/report?days=' + encodeURIComponent(byId('days').value))
      .then(function (result) {
        if (result.status === 401) { showLocked('That key was not accepted. Enter the admin key again.'); return; }
        if (!result.ok || !result.body) { setState('error', problemText(result)); return; }
        render(result.body);
        setState('ready', 'Report made ' + formatTime(result.body.generatedAt) + ' UTC.');
      })
      .catch(function (error) { setState('error', 'The report could not be loaded: ' + error.message); });
  }

  // ----- formatting

  function formatNumber(n) { return new Intl.NumberFormat('en-US').format(n); }

  function formatRate(rate, answers) { return answers === 0 ? '–' : Math.round(rate * 100) + '%'; }

  function formatDay(isoDate) {
    return new Date(isoDate + 'T00:00:00Z').toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  }

  function formatTime(isoTime) {
    var d = new Date(isoTime);
    return isNaN(d) ? String(isoTime) : d.toISOString().replace('T', ' ').slice(0, 16);
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function fill(tableId, items, addCells, emptyText) {
    var body = byId(tableId).tBodies[0];
    body.replaceChildren();
    if (items.length === 0) {
      var row = body.insertRow();
      var td = cell(row, emptyText, 'empty');
      td.colSpan = byId(tableId).tHead.rows[0].cells.length;
      return;
    }
    items.forEach(function (item) { addCells(body.insertRow(), item); });
  }

  function transcriptButton(row, conversationId, channelId) {
    var td = document.createElement('td');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = 'Transcript';
    button.addEventListener('click', function () { openTranscript(conversationId, channelId); });
    td.appendChild(button);
    row.appendChild(td);
  }

  // ----- the report

  function render(report) {
    var totals = report.totals;
    byId('period-text').textContent = (report.from === report.to ? report.from : report.from + ' to ' + report.to) + ' (UTC), ' + report.days.length + ' days';
    byId('total-conversations').textContent = formatNumber(totals.conversations);
    byId('total-answers').textContent = formatNumber(totals.answers);
    byId('total-flag-rate').textContent = formatRate(totals.flagRate, totals.answers);
    byId('total-flagged').textContent = 'flagged (' + formatNumber(totals.flaggedAnswers) + ' answers)';
    byId('total-helpful').textContent = formatNumber(totals.helpfulFeedback);
    byId('total-unhelpful').textContent = formatNumber(totals.unhelpfulFeedback);
    byId('total-handoffs').textContent = formatNumber(totals.handoffs);
    byId('total-not-covered').textContent = formatNumber(totals.notCovered);
    byId('total-withheld').textContent = formatNumber(totals.withheldSentences);
    byId('total-repaired').textContent = 'sentences withheld (' + formatNumber(totals.repairedAnswers) + ' answers repaired, ' +
      formatNumber(totals.fellBackAnswers) + ' quoted instead)';

    fill('topics', report.topTopics, function (row, topic) {
      cell(row, topic.title);
      cell(row, formatNumber(topic.answers), 'number');
    }, 'No sources were cited in this period.');

    fill('not-covered', report.notCovered, function (row, gap) {
      cell(row, gap.question, 'question');
      cell(row, formatNumber(gap.count), 'number');
      cell(row, formatTime(gap.lastAskedAt), 'when');
      transcriptButton(row, gap.lastConversationId, null);
    }, 'Every question in this period was covered.');

    fill('handoffs', report.handoffs, function (row, handoff) {
      cell(row, formatTime(handoff.at), 'when');
      cell(row, handoff.channelId);
      cell(row, handoff.lastQuestion || '–', 'question');
      transcriptButton(row, handoff.conversationId, handoff.channelId);
    }, 'Nobody asked for a person in this period.');

    fill('withheld', report.withheld || [], function (row, sentence) {
      cell(row, formatTime(sentence.at), 'when');
      cell(row, sentence.question, 'question');
      cell(row, sentence.text, 'question');
      cell(row, sentence.verdict);
      cell(row, (sentence.reason || '–') + (sentence.fellBack ? ' The answer was quoted from the sources instead.' : ''));
      transcriptButton(row, sentence.conversationId, sentence.channelId);
    }, 'Nothing was withheld in this period.');

    byId('report').hidden = false;
    drawCharts(report.days);
  }

  function drawCharts(days) {
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    if (typeof window.Chart !== 'function') {
      byId('charts-missing').hidden = false;
      return;
    }

    var labels = days.map(function (d) { return formatDay(d.date); });
    var pick = function (name) { return days.map(function (d) { return d[name]; }); };
    var common = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom' } },
    };
    var counts = { y: { beginAtZero: true, ticks: { precision: 0 } } };

    charts.push(new window.Chart(byId('chart-answers'), {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { label: 'Answers', data: pick('answers'), backgroundColor: '#3b6fb6' },
          { label: 'Conversations', data: pick('conversations'), type: 'line', borderColor: '#8a5cc2', backgroundColor: '#8a5cc2' },
        ],
      },
      options: Object.assign({}, common, { scales: counts }),
    }));
    charts.push(new window.Chart(byId('chart-flag-rate'), {
      type: 'line',
      data: {
        labels: labels,
        datasets: [{
          label: 'Flag rate (%)',
          // A day without answers has no rate: a gap, not 0%.
          data: days.map(function (d) { return d.answers === 0 ? null : Math.round(d.flagRate * 1000) / 10; }),
          borderColor: '#c2571a',
          backgroundColor: '#c2571a',
          spanGaps: true,
        }],
      },
      options: Object.assign({}, common, { scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + '%'; } } } } }),
    }));
    charts.push(new window.Chart(byId('chart-feedback'), {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { label: 'Helpful', data: pick('helpfulFeedback'), backgroundColor: '#2e8b57' },
          { label: 'Not helpful', data: pick('unhelpfulFeedback'), backgroundColor: '#c23b3b' },
        ],
      },
      options: Object.assign({}, common, { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }),
    }));
    charts.push(new window.Chart(byId('chart-handoffs'), {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: 'Requests for a person', data: pick('handoffs'), backgroundColor: '#6b7280' }] },
      options: Object.assign({}, common, { scales: counts }),
    }));
    charts.push(new window.Chart(byId('chart-repairs'), {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { label: 'Answers repaired', data: pick('repairedAnswers'), backgroundColor: '#b08d1a' },
          { label: 'Sentences withheld', data: pick('withheldSentences'), backgroundColor: '#7a3e9d' },
        ],
      },
      options: Object.assign({}, common, { scales: counts }),
    }));
    document.body.dataset.charts = String(charts.length);
  }

  // ----- transcripts

  function openTranscript(conversationId, channelId) {
    var panel = byId('transcript');
    var list = byId('transcript-activities');
    list.replaceChildren();
    byId('transcript-id').textContent = 'Conversation ' + conversationId;
    panel.hidden = false;
    panel.dataset.state = 'loading';
    var path = '/admin/transcripts/' + encodeURIComponent(conversationId) + (channelId ? '?channel=' + encodeURIComponent(channelId) : '');
    fetchJson(path).then(function (result) {
      if (result.status === 401) { showLocked('That key was not accepted. Enter the admin key again.'); return; }
      if (!result.ok || !result.body) {
        var item = document.createElement('li');
        item.textContent = problemText(result);
        list.appendChild(item);
        panel.dataset.state = 'error';
        return;
      }
      result.body.activities.forEach(function (activity) {
        var item = document.createElement('li');
        item.className = 'activity activity--' + (activity.role === 'user' ? 'user' : 'bot');
        var meta = document.createElement('span');
        meta.className = 'activity__meta';
        meta.textContent = formatTime(activity.at) + ' · ' + (activity.role || '?') + (activity.type !== 'message' ? ' · ' + activity.type : '') +
          (activity.answerId ? ' · answer ' + activity.answerId : '');
        var text = document.createElement('span');
        text.className = 'activity__text';
        text.textContent = activity.text || '';
        item.append(meta, text);
        list.appendChild(item);
      });
      panel.dataset.state = 'ready';
      panel.scrollIntoView();
    });
  }

  // ----- wiring

  byId('unlock').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = byId('key').value.trim();
    if (!value) { return; }
    sessionStorage.setItem(KEY_STORAGE, value);
    byId('key').value = '';
    load();
  });
  byId('period').addEventListener('submit', function (event) { event.preventDefault(); load(); });
  byId('days').addEventListener('change', load);
  byId('forget').addEventListener('click', function () { showLocked('The key was forgotten.'); });
  byId('transcript-close').addEventListener('click', function () { byId('transcript').hidden = true; });

  load();
}());
