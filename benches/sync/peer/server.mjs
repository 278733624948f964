// The peer: an automerge-repo sync server, as its documentation sets one up
// (Repo + NodeWSServerAdapter on a `ws` WebSocketServer + NodeFS storage, sharing
// nothing unprompted). Usage: node server.mjs DATA_DIR
// Prints `listening on ws://127.0.0.1:PORT` once it accepts connections.
import { WebSocketServer } from "ws"
import { Repo } from "@automerge/automerge-repo"
import { NodeWSServerAdapter } from "@automerge/automerge-repo-network-websocket"
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs"

const dir = process.argv[2]
if (!dir) {
  console.error("usage: node server.mjs DATA_DIR")
  process.exit(2)
}
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 })
wss.on("listening", () => {
  console.log(`listening on ws://127.0.0.1:${wss.address().port}`)
})
new Repo({
  network: [new NodeWSServerAdapter(wss)],
  storage: new NodeFSStorageAdapter(dir),
  peerId: `sync-server-${process.pid}`,
  sharePolicy: async () => false,
})
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0))
