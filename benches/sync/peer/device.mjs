// A peer "device": one automerge-repo client process with its own NodeFS storage
// directory, the counterpart of one `ponte --home DIR` device.
//
//   node device.mjs create DIR JSONL         offline: one new document per JSON line;
//                                            prints the new URLs (JSON array, in order)
//   node device.mjs edit DIR JSONL           offline: lines {"url": ..., field: value...}
//                                            change those fields of that document
//   node device.mjs sync DIR WS_URL [WANT]   connect to the sync server and sync every
//                                            document this device holds, plus the URLs
//                                            listed in the WANT file (a JSON array)
//
// A device remembers the URLs it holds in DIR/docs.json: automerge-repo has no list of
// "all my documents", an application keeps one (as Ponte's store does).
//
// When `sync` is done: for every document, (1) it is loaded (from local storage, or
// fetched from the server), and (2) in this session the server has sent a sync message
// whose heads equal this device's heads for that document, i.e. the server holds
// exactly what the device holds: everything pushed has been applied by the server and
// everything the server had has been received. Then `repo.flush()` writes every
// document to local storage, the process waits for every storage write in flight, and
// exits. The server's own write to its disk
// (throttled, not fsync'd) is not waited for: Ponte's relay acknowledges a push only
// after an fsync'd commit, so this favours the peer.
import fs from "node:fs"
import path from "node:path"
import * as A from "@automerge/automerge"
import { Repo } from "@automerge/automerge-repo"
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket"
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs"

const [cmd, dir, arg1, arg2] = process.argv.slice(2)
const started = performance.now()
const docsFile = () => path.join(dir, "docs.json")
const readJson = (file, fallback) =>
  fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : fallback
const readLines = file =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(l => l.trim())
    .map(l => JSON.parse(l))
// Storage writes in flight. The repo also saves on its own, throttled, after every
// change; exiting while one of those writes has opened (truncated) its file but not
// written it leaves an empty chunk behind, which loads as an empty document. So a
// device exits only when no write is in flight.
const inflight = new Set()
const storage = () => {
  const adapter = new NodeFSStorageAdapter(path.join(dir, "repo"))
  for (const method of ["save", "remove", "removeRange"]) {
    const original = adapter[method].bind(adapter)
    adapter[method] = (...args) => {
      const p = original(...args)
      inflight.add(p)
      const forget = () => inflight.delete(p)
      p.then(forget, forget)
      return p
    }
  }
  return adapter
}
const settle = async repo => {
  await repo.flush()
  while (inflight.size > 0) await Promise.allSettled([...inflight])
}
const done = value => {
  process.stdout.write(JSON.stringify(value) + "\n")
  process.exit(0)
}

async function create() {
  const repo = new Repo({ storage: storage(), network: [] })
  const urls = []
  for (const record of readLines(arg1)) {
    urls.push(repo.create(record).url)
  }
  await settle(repo)
  fs.writeFileSync(docsFile(), JSON.stringify([...readJson(docsFile(), []), ...urls]))
  done(urls)
}

async function edit() {
  const repo = new Repo({ storage: storage(), network: [] })
  const lines = readLines(arg1)
  for (const { url, ...fields } of lines) {
    const handle = await repo.find(url)
    handle.change(d => {
      for (const [key, value] of Object.entries(fields)) {
        // strings are Automerge text: edit by a character diff, as Ponte does
        if (typeof value === "string" && typeof d[key] === "string") A.updateText(d, [key], value)
        else d[key] = value
      }
    })
  }
  await settle(repo)
  done({ edited: lines.length })
}

const sameHeads = (a, b) =>
  a.length === b.length && [...a].sort().every((h, i) => h === [...b].sort()[i])

async function sync() {
  const url = arg1
  const known = readJson(docsFile(), [])
  const want = arg2 ? JSON.parse(fs.readFileSync(arg2, "utf8")) : []
  const all = [...new Set([...known, ...want])]
  const repo = new Repo({
    storage: storage(),
    network: [new WebSocketClientAdapter(url)],
    sharePolicy: async () => true,
  })
  // documentId -> heads the server last said it has (this session only: sync states
  // loaded from storage carry no `theirHeads`)
  const serverHeads = new Map()
  const handles = new Map()
  const pending = new Set()
  let finish
  const finished = new Promise(resolve => (finish = resolve))
  const check = id => {
    const handle = handles.get(id)
    const theirs = serverHeads.get(id)
    if (!handle || !theirs || !handle.isReady()) return
    if (sameHeads(theirs, A.getHeads(handle.doc()))) {
      pending.delete(id)
      if (pending.size === 0) finish()
    }
  }
  repo.synchronizer.on("sync-state", ({ documentId, syncState }) => {
    if (syncState.theirHeads) {
      serverHeads.set(documentId, syncState.theirHeads)
      check(documentId)
    }
  })
  const timeout = setTimeout(() => {
    process.stderr.write(`peer sync timed out: ${pending.size} of ${all.length} not in sync\n`)
    process.exit(1)
  }, Number(process.env.PEER_SYNC_TIMEOUT_MS || 300000))
  for (const u of all) {
    const id = u.replace(/^automerge:/, "")
    pending.add(id)
  }
  if (all.length === 0) finish()
  // Documents this device holds are opened at once (from local storage, then synced
  // as soon as the server is connected). Documents it does not hold yet are asked for
  // once the server is connected: before that, automerge-repo would declare them
  // unavailable (the client adapter reports itself ready after 1 s even when the
  // connection is not up yet).
  //
  // The server drops a client that is slow to answer its keep-alive pings (busy
  // applying thousands of documents); documents requested then are marked
  // unavailable, and asked for again when the adapter reconnects (automerge-repo
  // restarts sync for every document on a new connection). So a document is watched
  // through its handle, not a `find` promise that would reject, and the run only
  // fails on the overall timeout.
  const watch = u => {
    const { handle } = repo.findWithProgress(u)
    const id = handle.documentId
    handles.set(id, handle)
    handle.on("heads-changed", () => setImmediate(() => check(id)))
    handle.whenReady(["ready"]).then(
      () => check(id),
      () => {},
    )
    check(id)
  }
  let disconnects = 0
  repo.networkSubsystem.on("peer-disconnected", () => disconnects++)
  const connected = new Promise(resolve => repo.networkSubsystem.once("peer", resolve))
  const local = new Set(known)
  for (const u of known) watch(u)
  connected.then(() => {
    for (const u of all) if (!local.has(u)) watch(u)
  })
  await finished
  clearTimeout(timeout)
  const empty = [...handles.values()].filter(h => !h.isReady() || A.getHeads(h.doc()).length === 0)
  if (empty.length > 0) {
    process.stderr.write(`peer: ${empty.length} documents are empty after sync\n`)
    process.exit(1)
  }
  await settle(repo)
  fs.writeFileSync(docsFile(), JSON.stringify(all))
  done({
    docs: all.length,
    fetched: all.length - known.length,
    disconnects,
    ms: performance.now() - started,
  })
}

fs.mkdirSync(dir, { recursive: true })
const commands = { create, edit, sync }
if (!commands[cmd]) {
  console.error("usage: node device.mjs create|edit|sync DIR ...")
  process.exit(2)
}
await commands[cmd]()
