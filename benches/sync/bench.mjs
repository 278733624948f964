// Ponte's relay and the automerge-repo sync server, side by side, over the same
// workload, on loopback. Entry point: benches/sync/run.sh (which builds and installs
// first). Prints one Markdown table on stdout; progress goes to stderr.
//
// Every device is a separate client process: `ponte --home DIR ...` for Ponte,
// `node peer/device.mjs ... DIR` for the peer (own NodeFS storage). Each side's server
// sits behind the same byte-counting proxy (proxy.mjs). Wall time is the whole client
// process that syncs, spawn to exit: for Ponte that includes opening the store
// (PBKDF2 unlock), for the peer starting node and loading its modules. Set-up steps
// (creating records, edits, joining) are timed apart and not in the table.
//
// Environment: BENCH_DIR (work directory, default a new one under /tmp, removed after
// a successful run unless BENCH_KEEP=1), BENCH_SMALL (1000), BENCH_LARGE (5000; 0
// skips the large group), CARGO_TARGET_DIR.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { startProxy } from "./proxy.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, "../..")
const targetDir = process.env.CARGO_TARGET_DIR || path.join(repoRoot, "target")
const PONTE = path.join(targetDir, "release", "ponte")
const RELAY = path.join(targetDir, "release", "sync-server")
const PEER_DEVICE = path.join(here, "peer", "device.mjs")
const PEER_SERVER = path.join(here, "peer", "server.mjs")
const SMALL = Number(process.env.BENCH_SMALL || 1000)
const LARGE = Number(process.env.BENCH_LARGE ?? 5000)
const OFFLINE_EDITS = 100
const DEVICES = 10
const EOD_NEW = 50
const EOD_EDITS = 200
const PASSPHRASE = "bench: correct horse battery staple"
let work // the work directory, made by measureAll

const log = (...a) => process.stderr.write(a.join(" ") + "\n")
// A client's result is the last line of its stdout (automerge-repo logs some errors
// with console.log before it).
const lastJson = stdout => JSON.parse(stdout.trim().split("\n").pop())
const sleep = ms => new Promise(r => setTimeout(r, ms))

// ---------------------------------------------------------------- processes

function run(cmd, args, { env = {}, allowFail = false } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    let exited
    const child = spawn(cmd, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    const out = []
    const err = []
    child.stdout.on("data", d => out.push(d))
    child.stderr.on("data", d => err.push(d))
    child.on("exit", () => {
      exited = process.hrtime.bigint()
    })
    child.on("error", reject)
    child.on("close", code => {
      const ms = Number((exited ?? process.hrtime.bigint()) - start) / 1e6
      const r = {
        code,
        ms,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }
      if (code !== 0 && !allowFail) {
        reject(new Error(`${path.basename(cmd)} ${args.join(" ")}: exit ${code}\n${r.stderr}`))
      } else resolve(r)
    })
  })
}

// Servers this run started, stopped on the way out whatever happens.
const servers = new Set()
const killServers = () => {
  for (const child of servers) child.kill("SIGTERM")
}
process.on("SIGINT", () => {
  killServers()
  process.exit(130)
})

// Starts a server and waits for its `listening on ...://127.0.0.1:PORT` line.
function startServer(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] })
    servers.add(child)
    let buf = ""
    let errBuf = ""
    const timer = setTimeout(() => reject(new Error(`${cmd}: no "listening" line\n${errBuf}`)), 30000)
    child.stderr.on("data", d => {
      errBuf = (errBuf + d).slice(-4000)
    })
    child.stdout.on("data", d => {
      buf += d
      const m = /listening on \w+:\/\/127\.0\.0\.1:(\d+)/.exec(buf)
      if (m) {
        clearTimeout(timer)
        resolve({ child, port: Number(m[1]), pid: child.pid })
      }
    })
    child.on("exit", code => reject(new Error(`${cmd} exited (${code})\n${errBuf}`)))
  })
}

function stopServer(server) {
  return new Promise(resolve => {
    server.child.removeAllListeners("exit")
    server.child.on("exit", () => {
      servers.delete(server.child)
      resolve()
    })
    server.child.kill("SIGTERM")
  })
}

// CPU time (user + system, clock ticks) a process has used so far.
function cpuTicks(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return Number(fields[11]) + Number(fields[12])
}
// Waits until a server has been idle (under 2 ticks of CPU in 500 ms), at most 5 min:
// the peer server acknowledges documents before it has written them, and its backlog
// must not run into the next scenario. Returns the ms waited.
async function waitIdle(pid) {
  const start = performance.now()
  let last = cpuTicks(pid)
  while (performance.now() - start < 300000) {
    await sleep(500)
    const now = cpuTicks(pid)
    if (now - last < 2) break
    last = now
  }
  return performance.now() - start
}

// Peak resident set (VmHWM) since the last reset, in KiB.
function peakRss(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))
  return m ? Number(m[1]) : NaN
}
function resetPeakRss(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5")
    return true
  } catch {
    return false
  }
}

// ---------------------------------------------------------------- workload

function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const PEOPLE = [
  ["IN", ["pa"]],
  ["IN", ["pa", "hi"]],
  ["PK", ["ur", "pa"]],
  ["BD", ["bn"]],
  ["MA", ["ary", "fr"]],
  ["SN", ["wo", "fr"]],
  ["NG", ["en", "pcm"]],
  ["TN", ["aeb"]],
  ["AL", ["sq"]],
  ["RO", ["ro"]],
]
const SECTORS = ["agriculture", "agriculture", "agriculture", "construction", "logistics", "hospitality"]
const NOTES = [
  "met at dawn",
  "met at the pick-up point",
  "came to the listening point with a friend",
  "paid by the crate",
  "asked about the permit renewal",
  "no contract, works six days",
]
// `count` new small records, the same for both sides.
function records(count, tag, seed) {
  const r = prng(seed)
  const pick = a => a[Math.floor(r() * a.length)]
  const out = []
  for (let i = 0; i < count; i++) {
    const [nationality, languages] = pick(PEOPLE)
    out.push({
      alias: `${tag}${i + 1}`,
      nationality,
      languages,
      sector: pick(SECTORS),
      notes: pick(NOTES),
    })
  }
  return out
}
// `count` distinct indices below `n`.
function sample(n, count, seed) {
  const r = prng(seed)
  const idx = Array.from({ length: n }, (_, i) => i)
  for (let i = 0; i < Math.min(count, n); i++) {
    const j = i + Math.floor(r() * (n - i))
    ;[idx[i], idx[j]] = [idx[j], idx[i]]
  }
  return idx.slice(0, Math.min(count, n))
}
// Runs `fn` over `items`, two at a time (set-up only; the machine has 2 cores).
async function twoAtATime(items, fn) {
  const queue = [...items.entries()]
  const worker = async () => {
    while (queue.length > 0) {
      const [i, item] = queue.shift()
      await fn(item, i)
    }
  }
  await Promise.all([worker(), worker()])
}
const writeJsonl = (file, lines) =>
  fs.writeFileSync(file, lines.map(l => JSON.stringify(l)).join("\n") + "\n")

// The plan: what every device creates and edits, identical for both sides. An edit
// appends a sentence to a record's notes (both sides edit text by a character diff).
function plan(n, tag, seed) {
  const base = records(n, tag, seed)
  const offline = sample(n, OFFLINE_EDITS, seed + 1).map(i => ({
    index: i,
    notes: `${base[i].notes}. Called back, all well.`,
  }))
  const eod = []
  for (let d = 0; d < DEVICES; d++) {
    eod.push({
      created: records(EOD_NEW, `${tag}d${d + 1}-`, seed + 100 + d),
      edits: sample(n, EOD_EDITS, seed + 200 + d).map(i => ({
        index: i,
        notes: `${base[i].notes}. Seen again by device ${d + 1}.`,
      })),
    })
  }
  return { base, offline, eod }
}

// ---------------------------------------------------------------- measuring

class Side {
  constructor(name, server, proxy, messages) {
    this.name = name
    this.server = server
    this.proxy = proxy
    this.messages = messages // (stats) -> round trips or messages
    this.setup = []
    this.disconnects = 0 // peer: times the server dropped a client
  }
  // Measures `fn` (which returns the summed wall ms of its timed processes).
  async measure(fn) {
    const waited = await waitIdle(this.server.pid) // let the server settle
    if (waited > 1500) log(`  (${this.name} server busy ${fmtMs(waited)} before the scenario)`)
    this.proxy.reset()
    this.disconnects = 0
    const reset = resetPeakRss(this.server.pid)
    const ms = await fn()
    const s = this.proxy.stats()
    const busyAfter = await waitIdle(this.server.pid) // RSS peak includes the aftermath
    return {
      ms,
      busyAfterMs: busyAfter,
      disconnects: this.disconnects,
      up: s.bytesUp,
      down: s.bytesDown,
      trips: this.messages(s),
      connections: s.connections,
      rssKiB: peakRss(this.server.pid),
      rssReset: reset,
      raw: s,
    }
  }
  async setupStep(what, fn) {
    const t = performance.now()
    const r = await fn()
    this.setup.push({ what, ms: performance.now() - t })
    return r
  }
}

// ---------------------------------------------------------------- Ponte

async function ponteGroup(dir, p, scenarios) {
  fs.mkdirSync(dir, { recursive: true })
  // Open to team creation (loopback only): the bench creates its team without a code.
  const relay = await startServer(RELAY, [
    "--db",
    `sqlite:${path.join(dir, "relay.db")}`,
    "--listen",
    "127.0.0.1:0",
    "--open-team-creation",
  ])
  const proxy = await startProxy(`127.0.0.1:${relay.port}`, "http")
  const side = new Side("ponte", relay, proxy, s => s.requests)
  const env = { PONTE_PASSPHRASE: PASSPHRASE, PONTE_LANG: "en" }
  const ponte = (home, ...args) => run(PONTE, ["--home", home, ...args], { env })
  const json = async (home, ...args) => JSON.parse((await ponte(home, ...args)).stdout)
  const sync = async home => {
    const r = await ponte(home, "sync")
    const report = JSON.parse(r.stdout)
    if (report.pending !== 0) throw new Error(`ponte sync left ${report.pending} pending`)
    return { ms: r.ms, report }
  }
  const home = name => path.join(dir, name)
  const results = {}

  const sup = home("dev1")
  const ids = await side.setupStep(`init, create team, import ${p.base.length}`, async () => {
    await ponte(sup, "init")
    await ponte(sup, "team", "create", "--name", "bench", "--relay", `http://127.0.0.1:${proxy.port}`)
    writeJsonl(path.join(dir, "base.jsonl"), p.base)
    return (await json(sup, "person", "import", "--jsonl", path.join(dir, "base.jsonl"))).ids
  })
  if (ids.length !== p.base.length) throw new Error("import returned the wrong number of ids")

  results.upload = await side.measure(async () => {
    const { ms, report } = await sync(sup)
    log(`  ponte upload: ${JSON.stringify(report)}`)
    return ms
  })

  const join = async names => {
    for (const name of names) {
      await ponte(home(name), "init")
      const { code } = await json(sup, "invite")
      await ponte(home(name), "join", code, "--name", name)
    }
    await ponte(sup, "approve", "--all")
  }
  await side.setupStep("device 2 joins", () => join(["dev2"]))
  const dev2 = home("dev2")
  results.download = await side.measure(async () => {
    const { ms, report } = await sync(dev2)
    log(`  ponte download: ${JSON.stringify(report)}`)
    return ms
  })
  const listed = await json(dev2, "person", "list")
  if (listed.length !== p.base.length) {
    throw new Error(`ponte: new device has ${listed.length} persons, expected ${p.base.length}`)
  }
  if (!scenarios.includes("reconnect")) return finish()

  results.reconnect = await side.measure(async () => {
    const { ms, report } = await sync(dev2)
    log(`  ponte reconnect: ${JSON.stringify(report)}`)
    return ms
  })

  await side.setupStep(`device 2 makes ${OFFLINE_EDITS} edits offline`, async () => {
    writeJsonl(
      path.join(dir, "offline.jsonl"),
      p.offline.map(e => ({ id: ids[e.index], notes: e.notes })),
    )
    await ponte(dev2, "person", "import", "--jsonl", path.join(dir, "offline.jsonl"))
  })
  results.edits = await side.measure(async () => {
    const { ms, report } = await sync(dev2)
    log(`  ponte edits: ${JSON.stringify(report)}`)
    return ms
  })
  results.catchup = await side.measure(async () => {
    const { ms, report } = await sync(sup)
    log(`  ponte catch-up: ${JSON.stringify(report)}`)
    return ms
  })

  const others = Array.from({ length: DEVICES - 2 }, (_, i) => `dev${i + 3}`)
  await side.setupStep(`devices 3-${DEVICES} join and download`, async () => {
    await join(others)
    for (const name of others) await sync(home(name))
  })
  const devices = ["dev1", "dev2", ...others]
  await side.setupStep(`${DEVICES} devices: ${EOD_NEW} new + ${EOD_EDITS} edits each, offline`, async () => {
    for (const [d, name] of devices.entries()) {
      const file = path.join(dir, `eod-${name}.jsonl`)
      writeJsonl(file, [
        ...p.eod[d].created,
        ...p.eod[d].edits.map(e => ({ id: ids[e.index], notes: e.notes })),
      ])
      await ponte(home(name), "person", "import", "--jsonl", file)
    }
  })
  results.eod = await side.measure(async () => {
    let total = 0
    for (const name of devices) {
      const { ms, report } = await sync(home(name))
      log(`  ponte end of day ${name}: ${ms.toFixed(0)} ms, pushed ${report.pushed}, pulled ${report.pulled}`)
      total += ms
    }
    return total
  })
  const last = await json(home(devices[DEVICES - 1]), "person", "list")
  const expected = p.base.length + DEVICES * EOD_NEW
  if (last.length !== expected) throw new Error(`ponte: last device has ${last.length} persons, expected ${expected}`)
  return finish()

  async function finish() {
    await proxy.close()
    await stopServer(relay)
    return { results, setup: side.setup }
  }
}

// ---------------------------------------------------------------- peer

async function peerGroup(dir, p, scenarios) {
  fs.mkdirSync(dir, { recursive: true })
  const server = await startServer(process.execPath, [PEER_SERVER, path.join(dir, "server")])
  const proxy = await startProxy(`127.0.0.1:${server.port}`, "ws")
  const side = new Side("peer", server, proxy, s => s.wsMessagesUp + s.wsMessagesDown)
  const url = `ws://127.0.0.1:${proxy.port}`
  const device = (...args) => run(process.execPath, [PEER_DEVICE, ...args])
  const home = name => path.join(dir, name)
  // The team's index of documents the server has: automerge-repo has no listing, so a
  // device is handed the URLs to fetch out of band, for free (Ponte pulls its log).
  const index = []
  const indexFile = path.join(dir, "index.json")
  // A peer device that fails (it happened: the client adapter throws on a dropped
  // reconnect under load) is run again once; both runs count, and the failure is
  // reported.
  const failures = []
  const sync = async (name, withIndex) => {
    const args = ["sync", home(name), url]
    if (withIndex) {
      fs.writeFileSync(indexFile, JSON.stringify(index))
      args.push(indexFile)
    }
    const first = await run(process.execPath, [PEER_DEVICE, ...args], { allowFail: true })
    if (first.code === 0) {
      const report = lastJson(first.stdout)
      side.disconnects += report.disconnects
      return { ms: first.ms, report }
    }
    const why = first.stderr.trim().split("\n").find(l => /Error|peer/.test(l)) || `exit ${first.code}`
    log(`  peer ${name} failed after ${fmtMs(first.ms)} (${why}); running it again`)
    failures.push({ device: name, ms: first.ms, why })
    const r = await device(...args)
    const report = lastJson(r.stdout)
    side.disconnects += report.disconnects
    return { ms: first.ms + r.ms, report }
  }
  const results = {}

  // created 1,000 per process: one automerge-repo process creating 5,000 documents
  // takes minutes (set-up, not measured)
  const urls = await side.setupStep(`create ${p.base.length} documents offline`, async () => {
    const all = []
    for (let i = 0; i < p.base.length; i += 1000) {
      const file = path.join(dir, `base-${i}.jsonl`)
      writeJsonl(file, p.base.slice(i, i + 1000))
      all.push(...lastJson((await device("create", home("dev1"), file)).stdout))
    }
    return all
  })
  results.upload = await side.measure(async () => {
    const { ms, report } = await sync("dev1", false)
    log(`  peer upload: ${JSON.stringify(report)}`)
    return ms
  })
  index.push(...urls)

  results.download = await side.measure(async () => {
    const { ms, report } = await sync("dev2", true)
    log(`  peer download: ${JSON.stringify(report)}`)
    if (report.docs !== p.base.length) throw new Error("peer: wrong number of documents")
    return ms
  })
  if (!scenarios.includes("reconnect")) return finish()

  results.reconnect = await side.measure(async () => {
    const { ms, report } = await sync("dev2", false)
    log(`  peer reconnect: ${JSON.stringify(report)}`)
    return ms
  })

  await side.setupStep(`device 2 makes ${OFFLINE_EDITS} edits offline`, async () => {
    writeJsonl(
      path.join(dir, "offline.jsonl"),
      p.offline.map(e => ({ url: urls[e.index], notes: e.notes })),
    )
    await device("edit", home("dev2"), path.join(dir, "offline.jsonl"))
  })
  results.edits = await side.measure(async () => {
    const { ms, report } = await sync("dev2", false)
    log(`  peer edits: ${JSON.stringify(report)}`)
    return ms
  })
  results.catchup = await side.measure(async () => {
    const { ms, report } = await sync("dev1", false)
    log(`  peer catch-up: ${JSON.stringify(report)}`)
    return ms
  })

  const others = Array.from({ length: DEVICES - 2 }, (_, i) => `dev${i + 3}`)
  // one at a time: two devices downloading at once made the server answer
  // "unavailable" for a document it holds (automerge-repo 2.5.6)
  await side.setupStep(`devices 3-${DEVICES} download`, async () => {
    for (const name of others) await sync(name, true)
  })
  const devices = ["dev1", "dev2", ...others]
  const created = {}
  await side.setupStep(`${DEVICES} devices: ${EOD_NEW} new + ${EOD_EDITS} edits each, offline`, async () => {
    await twoAtATime(devices, async (name, d) => {
      const newFile = path.join(dir, `eod-new-${name}.jsonl`)
      writeJsonl(newFile, p.eod[d].created)
      created[name] = lastJson((await device("create", home(name), newFile)).stdout)
      const editFile = path.join(dir, `eod-edit-${name}.jsonl`)
      writeJsonl(
        editFile,
        p.eod[d].edits.map(e => ({ url: urls[e.index], notes: e.notes })),
      )
      await device("edit", home(name), editFile)
    })
  })
  results.eod = await side.measure(async () => {
    let total = 0
    for (const name of devices) {
      const { ms, report } = await sync(name, true)
      log(`  peer end of day ${name}: ${ms.toFixed(0)} ms, ${report.docs} docs, fetched ${report.fetched}`)
      index.push(...created[name])
      total += ms
    }
    return total
  })
  return finish()

  async function finish() {
    await proxy.close()
    await stopServer(server)
    return { results, setup: side.setup, failures }
  }
}

// ---------------------------------------------------------------- table

const fmtMs = ms => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)
function fmtBytes(b) {
  if (b < 1024) return `${b} B`
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(b < 10240 ? 1 : 0)} KiB`
  return `${(b / 1024 / 1024).toFixed(2)} MiB`
}
const fmtRss = kib => `${(kib / 1024).toFixed(0)} MiB`

function row(label, ponte, peer, extraGoal) {
  const ratio = peer.ms / ponte.ms
  const bytesRatio = (ponte.up + ponte.down) / (peer.up + peer.down)
  const goals = [
    `time ${ratio >= 20 ? "met" : "missed"}`,
    `bytes ${bytesRatio <= 0.5 ? "met" : "missed"}`,
  ]
  if (extraGoal) goals.push(extraGoal(ponte))
  return [
    label,
    fmtMs(ponte.ms),
    fmtMs(peer.ms),
    `${ratio.toFixed(1)}x`,
    `${fmtBytes(ponte.up)} / ${fmtBytes(ponte.down)}`,
    `${fmtBytes(peer.up)} / ${fmtBytes(peer.down)}`,
    bytesRatio.toFixed(3),
    String(ponte.trips),
    String(peer.trips),
    fmtRss(ponte.rssKiB),
    fmtRss(peer.rssKiB),
    goals.join(", "),
  ]
}

const idleGoal = ponte =>
  `1 trip <1 KiB ${ponte.trips === 1 && ponte.up < 1024 && ponte.down < 1024 ? "met" : "missed"}`

function table(rows) {
  const head = [
    "scenario",
    "Ponte wall",
    "peer wall",
    "peer/Ponte time",
    "Ponte bytes up / down",
    "peer bytes up / down",
    "Ponte/peer bytes",
    "Ponte round trips",
    "peer messages",
    "relay RSS",
    "peer server RSS",
    "goals (>=20x time, <=0.5 bytes)",
  ]
  const lines = [head, head.map(() => "---"), ...rows]
  return lines.map(r => `| ${r.join(" | ")} |`).join("\n")
}

// Prints the table, the set-up times and the notes.
function report(out, totalS) {
  const n = x => x.toLocaleString("en-US")
  const rows = []
  for (const { n: size, ponte, peer } of out) {
    const P = ponte.results
    const Q = peer.results
    rows.push(row(`upload ${n(size)} new records`, P.upload, Q.upload))
    rows.push(row(`new device downloads ${n(size)}`, P.download, Q.download))
    if (P.reconnect) {
      rows.push(row("reconnect, nothing changed", P.reconnect, Q.reconnect, idleGoal))
      rows.push(row(`reconnect after ${OFFLINE_EDITS} offline edits`, P.edits, Q.edits))
      rows.push(row(`other device catches up on the ${OFFLINE_EDITS} edits`, P.catchup, Q.catchup))
      rows.push(
        row(`${DEVICES} devices' end of day (${EOD_NEW} new + ${EOD_EDITS} edits each), sum`, P.eod, Q.eod),
      )
    }
  }
  console.log(table(rows))
  console.log()
  console.log("Set-up, not in the table (wall time of the steps):")
  console.log()
  for (const { n: size, ponte, peer } of out) {
    for (const [name, side] of [["Ponte", ponte], ["peer", peer]]) {
      console.log(`- ${name}, ${n(size)}: ` + side.setup.map(s => `${s.what} ${fmtMs(s.ms)}`).join("; "))
    }
  }
  const notes = []
  for (const { n: size, ponte, peer } of out) {
    for (const [name, side] of [["Ponte relay", ponte], ["peer server", peer]]) {
      for (const [scenario, r] of Object.entries(side.results)) {
        if (r.disconnects > 0) {
          notes.push(`${name}, ${n(size)}, ${scenario}: the server dropped a client ${r.disconnects} time(s) (keep-alive ping unanswered while the client was busy); the client reconnected and finished`)
        }
        if (r.busyAfterMs > 2000) {
          notes.push(`${name}, ${n(size)}, ${scenario}: kept working ${fmtMs(r.busyAfterMs)} after the last client exited`)
        }
      }
    }
    for (const f of peer.failures) {
      notes.push(`peer, ${n(size)}: device ${f.device} failed after ${fmtMs(f.ms)} (${f.why}) and was run again; both runs are counted`)
    }
  }
  if (notes.length > 0) {
    console.log()
    console.log("Notes:")
    console.log()
    for (const note of notes) console.log(`- ${note}`)
  }
  console.log()
  console.log(`Whole run: ${totalS.toFixed(0)} s. Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}).`)
}

// ---------------------------------------------------------------- main

async function measureAll() {
  for (const f of [PONTE, RELAY]) {
    if (!fs.existsSync(f)) throw new Error(`${f} missing: run benches/sync/run.sh (it builds)`)
  }
  work = process.env.BENCH_DIR
    ? path.resolve(process.env.BENCH_DIR)
    : fs.mkdtempSync(path.join(os.tmpdir(), "ponte-bench-sync-"))
  fs.mkdirSync(work, { recursive: true })
  const t0 = performance.now()
  log(`work directory: ${work}`)
  const groups = [{ n: SMALL, tag: "W", seed: 1, scenarios: ["reconnect"] }]
  if (LARGE > 0) groups.push({ n: LARGE, tag: "L", seed: 7, scenarios: [] })
  const out = []
  for (const g of groups) {
    const p = plan(g.n, g.tag, g.seed)
    log(`== ${g.n} records: Ponte`)
    const ponte = await ponteGroup(path.join(work, `ponte-${g.tag}${g.n}`), p, g.scenarios)
    log(`== ${g.n} records: peer`)
    const peer = await peerGroup(path.join(work, `peer-${g.tag}${g.n}`), p, g.scenarios)
    out.push({ n: g.n, ponte, peer })
  }
  const totalS = (performance.now() - t0) / 1000
  fs.writeFileSync(path.join(work, "results.json"), JSON.stringify({ out, totalS }, null, 2))
  report(out, totalS)
  if (!process.env.BENCH_DIR && !process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true })
  else log(`kept ${work}`)
}

// `node bench.mjs --render results.json` prints the table of an earlier run again.
const main = process.argv[2] === "--render" ? render : measureAll
async function render() {
  const saved = JSON.parse(fs.readFileSync(process.argv[3], "utf8"))
  report(saved.out ?? saved, saved.totalS ?? NaN)
}

main().catch(e => {
  killServers()
  log(`bench failed: ${e.stack || e}`)
  if (work) log(`work directory kept: ${work}`)
  process.exit(1)
})
