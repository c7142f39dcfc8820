// Page script: the run narrated beside the chart (the same lines `sim run`
// prints), kept in step with it. Hovering the chart marks the line of that
// moment and scrolls it into view; hovering a line shows its moment on the
// chart, clicking one brings the chart there.

function fillStory(list, data) {
  const items = data.narration;
  const times = new Float64Array(items.length);
  items.forEach((it, i) => {
    times[i] = it.t;
    list.append(el('li', {}, el('span', { class: 't' }, `${(it.t / 1000).toFixed(3)} s`), el('span', { class: 'who' }, it.node), el('span', { class: 'text' }, it.text)));
  });
  if (items.length === 0) list.append(el('li', { class: 'none' }, 'Nothing happened after t=0 that the narration tells.'));
  return { times, list, box: list.parentElement, current: -1 };
}

/** Mark the last line at or before t (none before the first) and, unless asked not to, scroll it into view. */
function syncStory(story, t, scroll) {
  const i = t === null ? -1 : lastAtOrBefore(story.times, t);
  if (i === story.current) return;
  if (story.current >= 0) story.list.children[story.current].classList.remove('now');
  story.current = i;
  if (i < 0) return;
  const li = story.list.children[i];
  li.classList.add('now');
  const box = story.box;
  if (scroll !== false && (li.offsetTop < box.scrollTop || li.offsetTop + li.offsetHeight > box.scrollTop + box.clientHeight)) {
    box.scrollTop = Math.max(0, li.offsetTop - box.clientHeight / 3);
  }
}

/**
 * Lines → chart: `show(t)` puts the chart's cursor at a line's moment
 * (null: take it away), `go(t)` brings the chart to it.
 */
function wireStory(story, show, go) {
  const indexOf = (target) => {
    const li = target.closest && target.closest('li');
    return li && li.parentElement === story.list ? Array.prototype.indexOf.call(story.list.children, li) : -1;
  };
  story.list.addEventListener('mouseover', (e) => {
    const i = indexOf(e.target);
    if (i >= 0 && i < story.times.length) show(story.times[i]);
  });
  story.list.addEventListener('mouseleave', () => show(null));
  story.list.addEventListener('click', (e) => {
    const i = indexOf(e.target);
    if (i >= 0 && i < story.times.length) go(story.times[i]);
  });
}
