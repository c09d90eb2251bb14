/**
 * A routed topology of network namespaces for the LAN tier: a "public" network 10.99.0.0/24
 * (bridge in `<p>w`) with the bootstrap/relay host `<p>pub` at 10.99.0.1, and two private
 * networks, 192.168.10.0/24 behind router `<p>ra` (10.99.0.2) and 192.168.20.0/24 behind router
 * `<p>rb` (10.99.0.3), each router doing masquerading NAT (nftables) on its uplink. Hosts
 * `<p>a` (192.168.10.2) and `<p>b` (192.168.20.2) reach the public network only through their
 * router, and nothing reaches them unasked. Every address is private and exists only inside these
 * namespaces: nothing leaves the machine. Needs root, iproute2 and nft.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const WORKER = join(dirname(fileURLToPath(import.meta.url)), '..', 'lan', 'nat-worker.js')

/** Why the topology cannot be built here, or undefined when it can. */
export function natUnavailable (): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces)'
  for (const tool of ['ip', 'nft']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `needs ${tool} (apt-get install -y ${tool === 'ip' ? 'iproute2' : 'nftables'}; .ci/run does)`
  }
  return undefined
}

function sh (script: string): void {
  const res = spawnSync('sh', ['-ec', script], { encoding: 'utf8' })
  if (res.status !== 0) throw new Error(`topology command failed: ${script}\n${res.stderr}`)
}

/** A built topology. */
export interface NatTopology {
  /** Namespace names: pub, ra, rb, a, b. */
  ns: { pub: string, ra: string, rb: string, a: string, b: string }
  /** Takes a router's uplink down (the cable to the public network). */
  cut (router: 'ra' | 'rb'): void
  /** Puts it back. */
  heal (router: 'ra' | 'rb'): void
  /** Removes every namespace. */
  down (): void
}

/** Builds the topology under a prefix of at most 6 characters. */
export function natUp (p: string): NatTopology {
  const ns = { w: `${p}w`, pub: `${p}pub`, ra: `${p}ra`, rb: `${p}rb`, a: `${p}a`, b: `${p}b` }
  const down = (): void => { for (const n of Object.values(ns)) spawnSync('ip', ['netns', 'del', n]) }
  down()
  const nat = (router: string) => `ip netns exec ${router} sysctl -qw net.ipv4.ip_forward=1
printf 'table ip nat {\\n chain post {\\n type nat hook postrouting priority 100;\\n oifname "wan0" masquerade\\n }\\n}\\n' | ip netns exec ${router} nft -f -`
  const uplink = (host: string, veth: string, ifname: string, address: string) => `ip link add ${veth} type veth peer name ${ifname} netns ${host}
ip link set ${veth} netns ${ns.w}
ip netns exec ${ns.w} ip link set ${veth} master br0 up
ip netns exec ${host} ip addr add ${address}/24 dev ${ifname}
ip netns exec ${host} ip link set ${ifname} up`
  const lan = (router: string, host: string, veth: string, net: string) => `ip link add ${veth} type veth peer name eth0 netns ${host}
ip link set ${veth} netns ${router}
ip netns exec ${router} ip link set ${veth} name lan0
ip netns exec ${router} ip addr add ${net}.1/24 dev lan0
ip netns exec ${router} ip link set lan0 up
ip netns exec ${host} ip addr add ${net}.2/24 dev eth0
ip netns exec ${host} ip link set eth0 up
ip netns exec ${host} ip route add default via ${net}.1`
  try {
    sh(`${Object.values(ns).map(n => `ip netns add ${n}\nip netns exec ${n} ip link set lo up`).join('\n')}
ip netns exec ${ns.w} ip link add br0 type bridge
ip netns exec ${ns.w} ip link set br0 up
${uplink(ns.pub, `${p}vp`, 'eth0', '10.99.0.1')}
${uplink(ns.ra, `${p}va`, 'wan0', '10.99.0.2')}
${uplink(ns.rb, `${p}vb`, 'wan0', '10.99.0.3')}
${lan(ns.ra, ns.a, `${p}la`, '192.168.10')}
${lan(ns.rb, ns.b, `${p}lb`, '192.168.20')}
${nat(ns.ra)}
${nat(ns.rb)}`)
  } catch (err) {
    down()
    throw err
  }
  return {
    ns: { pub: ns.pub, ra: ns.ra, rb: ns.rb, a: ns.a, b: ns.b },
    cut: router => { sh(`ip netns exec ${ns[router]} ip link set wan0 down`) },
    heal: router => { sh(`ip netns exec ${ns[router]} ip link set wan0 up`) },
    down
  }
}

/** A node running in a namespace, driven by JSON commands. */
export interface NatNode {
  peerId: string
  addresses: string[]
  call (op: string, args?: Record<string, unknown>): Promise<any>
  kill (signal?: NodeJS.Signals): Promise<void>
  child: ChildProcess
}

/** Starts `nat-worker.js` in a namespace and waits until its node is up. */
export async function startNatNode (namespace: string, dataDir: string, config: Record<string, unknown>, profile?: string): Promise<NatNode> {
  const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, WORKER, dataDir, JSON.stringify(config), ...(profile === undefined ? [] : [profile])], { stdio: ['pipe', 'pipe', 'pipe'] })
  const waiting = new Map<number, { op: string, resolve: (v: any) => void, reject: (e: Error) => void }>()
  let stderr = ''
  let partial = ''
  let nextId = 1
  const exited = new Promise<void>(resolve => { child.on('close', () => { resolve() }) })
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
    // NAT_DEBUG=1 (with DEBUG=peerhood:* for libp2p's logger) shows what the workers log
    if (process.env.NAT_DEBUG !== undefined) process.stderr.write(d.toString().split('\n').filter(l => l !== '').map(l => `[${namespace}] ${l}\n`).join(''))
  })
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n')
    partial = lines.pop()!
    for (const line of lines) {
      if (!line.startsWith('{')) continue
      const msg = JSON.parse(line)
      const w = waiting.get(msg.id)
      if (w === undefined) continue
      waiting.delete(msg.id)
      if (msg.ok === true) w.resolve(msg.result)
      else w.reject(Object.assign(new Error(`${msg.code}: ${msg.message} (${w.op} in ${namespace})`), { code: msg.code }))
    }
  })
  child.on('close', () => { for (const w of waiting.values()) w.reject(new Error(`worker in ${namespace} exited: ${stderr}`)) })
  const ready = new Promise<any>((resolve, reject) => { waiting.set(0, { op: 'start', resolve, reject }) })
  const info = await ready
  return {
    peerId: info.peerId,
    addresses: info.addresses,
    child,
    call: async (op, args = {}) => new Promise((resolve, reject) => {
      const id = nextId++
      waiting.set(id, { op, resolve, reject })
      child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`)
    }),
    kill: async (signal = 'SIGKILL') => {
      // `ip netns exec` execs node, so the child is the node itself
      if (child.exitCode === null) child.kill(signal)
      await exited
    }
  }
}
