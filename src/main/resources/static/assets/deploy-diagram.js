// The deploy page's diagram: the model version that ran, drawn by the vendored bpmn-js viewer, with the path taken
// marked (activities and flows that ran, how often, where it waits or was interrupted) and a click on an activity
// showing its rows. Data: GET <data-url> (HistoryPageController#diagram). No inline script: the page's CSP forbids it.
(async () => {
  const host = document.getElementById('diagram-canvas');
  if (!host) return;
  const rowsBox = document.getElementById('diagram-rows');
  const response = await fetch(host.dataset.url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) { host.textContent = `diagram unavailable (${response.status})`; return; }
  const data = await response.json();
  const viewer = new BpmnJS({ container: host });
  await viewer.importXML(data.bpmnXml);
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  canvas.zoom('fit-viewport');

  const badge = (text, kind) => {
    const el = document.createElement('span');
    el.className = `diagram-badge ${kind}`;
    el.textContent = text;
    return el;
  };
  const mark = (id, marker) => registry.get(id) && canvas.addMarker(id, marker);
  for (const [id, count] of Object.entries(data.activityCounts)) {
    if (!registry.get(id)) continue;
    canvas.addMarker(id, 'ran');
    if (registry.get(id).type === 'bpmn:BoundaryEvent') canvas.addMarker(id, 'fired');
    if (count > 1) overlays.add(id, { position: { top: -8, right: 8 }, html: badge(`×${count}`, 'count') });
  }
  for (const [id, count] of Object.entries(data.flowCounts)) {
    mark(id, 'taken');
    if (count > 1 && registry.get(id)) overlays.add(id, { position: { top: 0, left: 0 }, html: badge(`×${count}`, 'count') });
  }
  data.waitingAt.forEach((id) => { mark(id, 'waiting'); registry.get(id) && overlays.add(id, { position: { bottom: 4, left: 0 }, html: badge('waits here', 'waiting') }); });
  data.interruptedAt.forEach((id) => mark(id, 'interrupted'));

  const cell = (text) => { const td = document.createElement('td'); td.textContent = text ?? ''; return td; };
  const showRows = (id) => {
    const rows = data.rows.filter((row) => row.activityId === id);
    rowsBox.replaceChildren();
    const caption = document.createElement('h3');
    caption.textContent = `${rows[0]?.name || id}: ${rows.length} run(s)`;
    const table = document.createElement('table');
    table.className = 'diagram-rows';
    const head = table.createTHead().insertRow();
    ['Started', 'Ended', 'ms', 'Who', 'Outcome'].forEach((h) => { const th = document.createElement('th'); th.textContent = h; head.append(th); });
    const body = table.createTBody();
    rows.forEach((row) => {
      const tr = body.insertRow();
      tr.dataset.activityInstanceId = row.activityInstanceId;
      tr.append(cell(row.startTime), cell(row.endTime ?? 'running'), cell(row.durationMillis), cell(row.assignee),
        cell(row.outcome));
    });
    rowsBox.append(caption, table);
  };
  viewer.get('eventBus').on('element.click', (event) => {
    if (data.activityCounts[event.element.id]) showRows(event.element.id);
  });
  // The summary's bar: one segment per phase (DeployPhases), its width by its share of the time.
  const bar = document.getElementById('phase-bar');
  const legend = document.getElementById('phase-legend');
  Object.entries(data.phaseMillis).forEach(([phase, millis], index) => {
    const segment = document.createElement('span');
    segment.className = `phase-${index}`;
    segment.style.flexGrow = String(millis);
    segment.title = `${phase}: ${(millis / 1000).toFixed(1)} s`;
    bar?.append(segment);
    const item = document.createElement('li');
    item.className = `phase-${index}`;
    item.textContent = `${phase} ${(millis / 1000).toFixed(1)} s`;
    legend?.append(item);
  });
  host.dataset.state = 'ready';
})().catch((error) => {
  const host = document.getElementById('diagram-canvas');
  host.dataset.state = 'failed';
  host.textContent = `diagram failed: ${error.message}`;
});
