// Node: identity, addresses, peers, and a live chart of record and sync traffic from the node's
// own metrics (pushed by /v1/metrics/stream, no polling).
import { useEffect, useRef, useState } from 'preact/hooks'
import uPlot from 'uplot'
import { get } from '../lib/api.js'
import { html } from '../lib/html.js'
import { useEventTick, useFetched } from '../lib/live.js'

const WINDOW = 120

/** Sum of the samples whose key starts with one of `prefixes`. */
function sum (values, prefixes) {
  let total = 0
  for (const [key, value] of Object.entries(values)) if (prefixes.some(p => key.startsWith(p))) total += value
  return total
}

function TrafficChart () {
  const box = useRef(null)
  const [last, setLast] = useState(undefined)
  useEffect(() => {
    const data = [[], [], [], []]
    const plot = new uPlot({
      width: Math.max(300, box.current.clientWidth), height: 180,
      series: [{}, { label: 'records/s', stroke: '#2f6fde' }, { label: 'sync events/s', stroke: '#1a8f4a' }, { label: 'peers', stroke: '#c27c0e', scale: 'peers' }],
      axes: [{}, {}, { scale: 'peers', side: 1, grid: { show: false } }]
    }, data, box.current)
    let prev
    const source = new EventSource('/v1/metrics/stream?intervalMs=1000')
    source.addEventListener('metrics:sample', message => {
      const { time, values } = JSON.parse(message.data)
      const now = { time, records: sum(values, ['peerhood_events_total{type="record:changed"']), sync: sum(values, ['peerhood_events_total{type="sync:']), peers: values.peerhood_connected_peers ?? 0 }
      if (prev !== undefined) {
        const dt = Math.max(0.001, (now.time - prev.time) / 1000)
        data[0].push(now.time / 1000)
        data[1].push((now.records - prev.records) / dt)
        data[2].push((now.sync - prev.sync) / dt)
        data[3].push(now.peers)
        if (data[0].length > WINDOW) for (const s of data) s.shift()
        plot.setData(data)
      }
      prev = now
      setLast({ uptime: values.peerhood_uptime_seconds })
    })
    return () => { source.close(); plot.destroy() }
  }, [])
  return html`<div ref=${box}></div>${last?.uptime === undefined ? '' : html`<p class="muted">uptime ${Math.round(last.uptime)} s</p>`}`
}

export function NodePage () {
  const tick = useEventTick(e => e.type.startsWith('peer:'))
  const [status, error] = useFetched(() => get('/v1/status'), [tick])
  const [peers] = useFetched(() => get('/v1/peers'), [tick])
  if (status === undefined) return html`<p class=${error ? 'error' : 'muted'}>${error?.message ?? 'Loading…'}</p>`
  return html`
    <section><h2>Node</h2><table><tbody>
      <tr><th>PeerId</th><td class="mono" id="peer-id">${status.peerId}</td></tr>
      <tr><th>Name</th><td>${status.displayName}</td></tr>
      <tr><th>Version</th><td>${status.version}</td></tr>
      <tr><th>Reachability</th><td>mDNS ${status.mdns ? 'on' : 'off'} · DHT ${status.dht}${status.relay === undefined ? '' : html` · relay reservations ${JSON.stringify(status.relay)}`}</td></tr>
      <tr><th>Connections</th><td>${status.peers} peers, ${status.connections} connections</td></tr>
      ${status.addresses.map(a => html`<tr><th>Address</th><td class="mono">${a}</td></tr>`)}
    </tbody></table></section>
    <section><h2>Traffic</h2><${TrafficChart} /></section>
    <section><h2>Connected peers</h2><table>
      <thead><tr><th>PeerId</th><th>Addresses</th><th>Direction</th><th>Agent</th></tr></thead>
      <tbody>${(peers ?? []).map(p => html`<tr><td class="mono">${p.peerId}</td><td class="mono">${p.addresses.join(', ')}</td><td>${p.directions.join(', ')}</td><td>${p.agentVersion ?? ''}</td></tr>`)}</tbody>
    </table></section>`
}
