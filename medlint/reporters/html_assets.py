"""The inline style sheet and script of the HTML report (hashed into its Content-Security-Policy)."""

STYLE = """
:root { --err: #b3261e; --warn: #b26a00; --info: #2f5f9e; --line: #ddd; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 1500px; padding: 1rem 1.5rem; color: #1c1c1c; background: #fff; }
h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.2rem; margin: 0 0 .4rem; word-break: break-all; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.meta, .muted { color: #555; font-size: .9rem; }
table { border-collapse: collapse; font-size: .85rem; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .4rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
th button { all: inherit; cursor: pointer; font-weight: 600; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
.filters { display: flex; gap: 1rem; margin: .5rem 0; align-items: center; flex-wrap: wrap; }
.scroll { max-height: 28rem; overflow: auto; border: 1px solid var(--line); }
article.file { border-top: 3px solid #444; margin-top: 2rem; padding-top: .8rem; }
.overview { display: flex; gap: 2rem; flex-wrap: wrap; align-items: flex-start; }
.overview > * { flex: 1 1 320px; min-width: 0; }
.checklist { list-style: none; padding: 0; margin: 0; }
.checklist li::before { display: inline-block; width: 1.3em; font-weight: 700; }
.checklist li.has::before { content: "\\2713"; color: #1e7d32; }
.checklist li.missing::before { content: "\\2717"; color: var(--err); }
.chart svg { max-width: 100%; height: auto; font-size: 12px; }
.chart .bar { fill: #5b8fd6; } .chart .bar.over { fill: #d9822b; } .chart .bar.unreliable { fill-opacity: .45; }
.chart .target { stroke: var(--err); stroke-width: 2; stroke-dasharray: 5 3; }
.chart .axis { stroke: #999; } .chart text { fill: #333; }
.body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; margin-top: .8rem; }
.source { font-family: ui-monospace, monospace; font-size: .82rem; line-height: 1.45; border: 1px solid var(--line);
  background: #fafafa; padding: .3rem 0; max-height: 90vh; overflow: auto; }
.l { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; min-height: 1.45em; padding-left: 4.2em;
  text-indent: -3.6em; }
.l::before { content: attr(data-n); display: inline-block; width: 3em; margin-right: .6em; text-align: right;
  color: #999; text-indent: 0; user-select: none; }
mark.hl { background: rgba(47, 95, 158, .16); border-bottom: 2px solid var(--info); color: inherit; cursor: pointer; }
mark.hl.sev-warning { background: rgba(178, 106, 0, .16); border-bottom-color: var(--warn); }
mark.hl.sev-error { background: rgba(179, 38, 30, .16); border-bottom-color: var(--err); }
mark.hl.point { display: inline-block; width: 0; border-left: 2px solid var(--err); height: 1.2em; vertical-align: middle; }
mark.hl.off { background: none; border-color: transparent; }
mark.hl.current { outline: 2px solid #000; }
.findings { list-style: none; padding: 0; margin: 0; max-height: 90vh; overflow: auto; font-size: .85rem; }
.finding { border-left: 4px solid var(--info); padding: .3rem .5rem; margin-bottom: .4rem; background: #f6f8fb; }
.finding.sev-warning { border-left-color: var(--warn); background: #fdf7ef; }
.finding.sev-error { border-left-color: var(--err); background: #fcf1f0; }
.finding.current { outline: 2px solid #000; }
.finding p { margin: .2rem 0; overflow-wrap: anywhere; }
.finding dl { margin: .2rem 0; display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0 .6rem; }
.finding dt { color: #555; } .finding dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, monospace; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .75rem; }
.sev-error .sev { color: var(--err); } .sev-warning .sev { color: var(--warn); } .sev-info .sev { color: var(--info); }
.hidden { display: none; }
#page-errors { color: var(--err); }
@media (max-width: 900px) { .body { grid-template-columns: 1fr; } }
"""

# Sorting, filters, and jumping between a highlight and its finding. Any error (or a blocked
# resource) is written into #page-errors, which the browser test reads.
SCRIPT = """
(function () {
  var box = document.getElementById('page-errors');
  function report(text) {
    box.hidden = false;
    box.textContent += text + '\\n';
    box.setAttribute('data-count', String(Number(box.getAttribute('data-count') || 0) + 1));
  }
  window.addEventListener('error', function (e) { report('error: ' + (e.message || e.type)); }, true);
  document.addEventListener('securitypolicyviolation', function (e) {
    report('blocked by the content security policy: ' + e.violatedDirective);
  });
  function key(cell, numeric) {
    var raw = cell.getAttribute('data-sort');
    if (raw === null) { raw = cell.textContent; }
    return numeric ? Number(raw) : raw.toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.querySelectorAll('thead th');
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = th.querySelector('button');
      if (!button) { return; }
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        var numeric = th.getAttribute('data-type') === 'num';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column], numeric), y = key(b.cells[column], numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  var ruleFilter = document.getElementById('filter-rule');
  var severityFilter = document.getElementById('filter-severity');
  function applyFilters() {
    var rule = ruleFilter ? ruleFilter.value : '';
    var severity = severityFilter ? severityFilter.value : '';
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll('[data-rule][data-severity]'), function (el) {
      var keep = (!rule || el.getAttribute('data-rule') === rule) &&
                 (!severity || el.getAttribute('data-severity') === severity);
      if (el.tagName === 'MARK') { el.classList.toggle('off', !keep); }
      else { el.classList.toggle('hidden', !keep); if (keep && el.tagName === 'TR') { shown += 1; } }
    });
    var count = document.getElementById('filter-count');
    if (count) { count.textContent = shown + ' shown'; }
  }
  if (ruleFilter) { ruleFilter.addEventListener('change', applyFilters); }
  if (severityFilter) { severityFilter.addEventListener('change', applyFilters); }
  function mark(id) {
    Array.prototype.forEach.call(document.querySelectorAll('.current'), function (el) { el.classList.remove('current'); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-finding="' + id + '"]'), function (el) {
      el.classList.add('current');
    });
    var item = document.getElementById(id);
    if (item) { item.classList.add('current'); }
    return item;
  }
  document.addEventListener('click', function (e) {
    var target = e.target.closest ? e.target.closest('mark.hl') : null;
    if (target) {
      var item = mark(target.getAttribute('data-finding'));
      if (item) { item.scrollIntoView({block: 'nearest'}); }
      return;
    }
    var link = e.target.closest ? e.target.closest('a.loc') : null;
    if (link) { mark(link.getAttribute('data-for')); }
  });
  applyFilters();
  document.documentElement.setAttribute('data-ready', '1');
})();
"""
