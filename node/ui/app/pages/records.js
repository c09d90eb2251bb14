// A group's records: a virtual table that fetches only the pages in view (so 100k records
// scroll without loading them all), a type filter, search (JSON or <peersearch>), a record's
// detail, and add / update / delete. Changes arrive as record:changed events.
import { useEffect, useRef, useState } from 'preact/hooks'
import { api, get, groupPath, post } from '../lib/api.js'
import { field, useAction } from '../lib/forms.js'
import { html } from '../lib/html.js'
import { useEvents } from '../lib/live.js'

const ROW = 28
const PAGE = 100
const VISIBLE = 16

/** Pages of the record list by page number, fetched on demand; dropped whole on any change. */
function usePagedRecords (groupId, type) {
  const [state, setState] = useState({ total: undefined, pages: new Map(), version: 0 })
  const pending = useRef(new Set())
  const generation = useRef(0)
  const fetchPage = async n => {
    if (pending.current.has(n)) return
    pending.current.add(n)
    const gen = generation.current
    const q = new URLSearchParams({ offset: String(n * PAGE), limit: String(PAGE), ...(type ? { type } : {}) })
    try {
      const page = await get(groupPath(groupId, `/records/page?${q}`))
      if (gen !== generation.current) return
      setState(s => ({ ...s, total: page.total, pages: new Map(s.pages).set(n, page.records) }))
    } finally {
      pending.current.delete(n)
    }
  }
  const reset = () => {
    generation.current++
    pending.current.clear()
    setState(s => ({ total: s.total, pages: new Map(), version: s.version + 1 }))
  }
  useEffect(reset, [groupId, type])
  return [state, fetchPage, reset]
}

function RecordTable ({ rows, total, first, onSelect, selected, onScroll }) {
  const box = useRef(null)
  return html`<div class="viewport" id="records-viewport" ref=${box} onScroll=${() => onScroll?.(box.current.scrollTop)}>
    <div style=${{ height: `${(total + 1) * ROW}px` }}></div>
    <table style=${{ transform: `translateY(${first * ROW}px)` }}>
      <colgroup><col width="120" /><col width="240" /><col width="70" /><col /><col width="180" /></colgroup>
      <thead><tr><th>Type</th><th>Id</th><th>Version</th><th>Data</th><th>Modified</th></tr></thead>
      <tbody id="records">${rows.map((r, i) => r === undefined
        ? html`<tr key=${`empty-${first + i}`}><td colspan="5" class="muted">…</td></tr>`
        : html`<tr key=${r.id} class=${`clickable${selected === r.id ? ' selected' : ''}`} data-id=${r.id} onClick=${() => onSelect(r.id)}>
          <td>${r.type}</td><td class="mono">${r.id}</td><td>${r.version}</td><td>${r.dataText ?? `${r.size} bytes`}</td><td>${r.modified.slice(0, 19).replace('T', ' ')}</td></tr>`)}
      </tbody></table></div>`
}

function RecordDetail ({ groupId, id, onDone }) {
  const [record, setRecord] = useState(undefined)
  useEffect(() => { get(groupPath(groupId, `/records/${id}`)).then(setRecord, () => setRecord(undefined)) }, [groupId, id])
  const [update, error] = useAction(async event => {
    setRecord(await api('PATCH', groupPath(groupId, `/records/${id}`), { dataText: field(event, 'text') }))
  })
  const [remove, removeError] = useAction(async () => { await api('DELETE', groupPath(groupId, `/records/${id}`)); onDone() })
  if (record === undefined) return html`<p class="muted">Loading ${id}…</p>`
  return html`<div id="record-detail"><h2>Record <span class="mono">${record.id}</span></h2>
    <table><tbody>
      ${['type', 'version', 'creator', 'modifier', 'created', 'modified', 'expires', 'size'].map(k => html`<tr><th>${k}</th><td class="mono">${String(record[k])}</td></tr>`)}
      <tr><th>attributes</th><td class="mono">${record.attributes.map(a => `${a.name}:${a.type}=${a.value}`).join(', ')}</td></tr>
    </tbody></table>
    <form onSubmit=${update}><textarea name="text">${record.dataText ?? ''}</textarea>
      <div class="row"><button>Update</button><button type="button" class="plain" onClick=${remove}>Delete</button>
      ${(error || removeError) && html`<span class="error">${error ?? removeError}</span>`}</div></form></div>`
}

function AddRecord ({ groupId }) {
  const [run, error, busy] = useAction(async event => {
    await post(groupPath(groupId, '/records'), { type: field(event, 'type'), dataText: field(event, 'text') })
    event.target.reset()
  })
  return html`<form id="add-record" onSubmit=${run} class="row">
    <input name="type" placeholder="type" required /><input class="wide" name="text" placeholder="data (text)" />
    <button disabled=${busy}>Add record</button>${error && html`<span class="error">${error}</span>`}</form>`
}

/** Parses the search box: JSON text as a JSON query, anything else as <peersearch> XML. */
function searchQuery (text) {
  try { return JSON.parse(text) } catch { return text }
}

export function Records ({ groupId, onLoaded }) {
  const [type, setType] = useState('')
  const [search, setSearch] = useState(undefined)
  const [selected, setSelected] = useState(undefined)
  const [first, setFirst] = useState(0)
  const [state, fetchPage, reset] = usePagedRecords(groupId, type)
  useEvents(e => { if (e.group === groupId && e.type === 'record:changed') { reset(); if (search) runSearch() } }, [groupId, type, search])
  const [runSearch, searchError] = useAction(async event => {
    const text = event ? field(event, 'query') : search?.text
    if (!text) { setSearch(undefined); return }
    setSearch({ text, results: await post(groupPath(groupId, '/records/search'), { query: searchQuery(text) }) })
  })
  useEffect(() => {
    if (search !== undefined) return
    for (let n = Math.floor(first / PAGE); n <= Math.floor((first + VISIBLE) / PAGE); n++) if (!state.pages.has(n)) fetchPage(n)
  }, [first, state.version, search])
  useEffect(() => { if (state.total !== undefined) onLoaded?.() }, [state.total !== undefined])
  const total = search?.results.length ?? state.total ?? 0
  const rows = []
  for (let i = first; i < Math.min(total, first + VISIBLE); i++) {
    rows.push(search !== undefined ? search.results[i] : state.pages.get(Math.floor(i / PAGE))?.[i % PAGE])
  }
  return html`<section><h2>Records <span class="muted" id="records-total">${total}</span></h2>
    <div class="row">
      <input id="type-filter" placeholder="type filter" value=${type} onChange=${e => { setFirst(0); setType(e.target.value.trim()) }} />
      <form id="search" class="row" onSubmit=${runSearch}><input class="wide" name="query" placeholder='search: {"attr":"peerrecordtype","type":"string","value":"note"} or <peersearch>…' />
        <button>Search</button></form>${searchError && html`<span class="error">${searchError}</span>`}
    </div>
    <${RecordTable} rows=${rows} total=${total} first=${first} selected=${selected} onSelect=${setSelected}
      onScroll=${top => setFirst(Math.max(0, Math.floor(top / ROW)))} />
    <${AddRecord} groupId=${groupId} />
    ${selected && html`<${RecordDetail} key=${selected} groupId=${groupId} id=${selected} onDone=${() => setSelected(undefined)} />`}
  </section>`
}
