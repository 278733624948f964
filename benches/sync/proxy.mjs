// A byte-counting TCP proxy for benches/sync (node stdlib only).
//
// It forwards every connection to a target and counts the TCP payload bytes each way
// (HTTP request/response heads and bodies, WebSocket handshake and frames; not TCP/IP
// headers). It also counts, per mode:
//   http  requests (parsed from the client's stream: request heads, bodies skipped by
//         Content-Length or chunked encoding) = round trips, as the client sends one
//         request and waits for its answer
//   ws    WebSocket messages each way (data frames with FIN; control frames - ping,
//         pong, close - are counted apart), after the HTTP upgrade
//
// As a module: `const p = await startProxy("127.0.0.1:8080", "http")`, then p.port,
// p.stats(), p.reset(), p.close(). Standalone: `node proxy.mjs TARGET MODE` prints the
// port and, on SIGINT, the counts.
import net from "node:net"

const CRLF2 = Buffer.from("\r\n\r\n")

function zero() {
  return {
    connections: 0,
    bytesUp: 0,
    bytesDown: 0,
    requests: 0,
    wsMessagesUp: 0,
    wsMessagesDown: 0,
    wsControlFrames: 0,
  }
}

// Counts HTTP/1.1 requests in a client->server byte stream.
function httpRequestCounter(onRequest) {
  let head = Buffer.alloc(0)
  let skip = 0 // body bytes still to skip
  let chunked = false
  let chunkLine = "" // pending chunk-size line (chunked bodies)
  let inChunkTrailer = false
  return function feed(buf) {
    let i = 0
    while (i < buf.length) {
      if (skip > 0) {
        const n = Math.min(skip, buf.length - i)
        skip -= n
        i += n
        continue
      }
      if (chunked) {
        // read a chunk-size line, then skip size + 2 (CRLF); 0 ends the body
        const nl = buf.indexOf(10, i)
        if (nl < 0) {
          chunkLine += buf.subarray(i).toString("latin1")
          return
        }
        chunkLine += buf.subarray(i, nl + 1).toString("latin1")
        i = nl + 1
        const line = chunkLine.trim()
        chunkLine = ""
        if (inChunkTrailer) {
          if (line === "") {
            chunked = false
            inChunkTrailer = false
          }
          continue
        }
        const size = parseInt(line.split(";")[0], 16)
        if (size === 0) inChunkTrailer = true
        else skip = size + 2
        continue
      }
      // reading a request head
      head = Buffer.concat([head, buf.subarray(i)])
      const end = head.indexOf(CRLF2)
      if (end < 0) return
      const consumedFromBuf = end + 4 - (head.length - (buf.length - i))
      const text = head.subarray(0, end).toString("latin1")
      head = Buffer.alloc(0)
      i += consumedFromBuf
      onRequest()
      const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(text)
      if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(text)) chunked = true
      else if (lengthMatch) skip = Number(lengthMatch[1])
    }
  }
}

// Counts WebSocket messages in one direction, after the HTTP upgrade head.
function wsMessageCounter(onMessage, onControl) {
  let inHead = true
  let head = Buffer.alloc(0)
  let hdr = Buffer.alloc(0) // frame header bytes read so far
  let skip = 0 // payload bytes still to skip
  const headerLength = () => {
    if (hdr.length < 2) return 2
    const len7 = hdr[1] & 0x7f
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (hdr[1] & 0x80 ? 4 : 0)
  }
  return function feed(buf) {
    if (inHead) {
      head = Buffer.concat([head, buf])
      const end = head.indexOf(CRLF2)
      if (end < 0) return
      inHead = false
      buf = head.subarray(end + 4)
      head = Buffer.alloc(0)
    }
    let i = 0
    while (i < buf.length) {
      if (skip > 0) {
        const n = Math.min(skip, buf.length - i)
        skip -= n
        i += n
        continue
      }
      let need = headerLength()
      while (hdr.length < need && i < buf.length) {
        const n = Math.min(need - hdr.length, buf.length - i)
        hdr = Buffer.concat([hdr, buf.subarray(i, i + n)])
        i += n
        need = headerLength()
      }
      if (hdr.length < need) return
      const fin = (hdr[0] & 0x80) !== 0
      const opcode = hdr[0] & 0x0f
      let len = hdr[1] & 0x7f
      if (len === 126) len = hdr.readUInt16BE(2)
      else if (len === 127) len = Number(hdr.readBigUInt64BE(2))
      hdr = Buffer.alloc(0)
      skip = len
      if (opcode >= 8) onControl()
      else if (fin) onMessage()
    }
  }
}

export function startProxy(target, mode) {
  const [host, port] = target.split(":")
  let stats = zero()
  const sockets = new Set()
  const server = net.createServer(client => {
    stats.connections++
    const upstream = net.connect(Number(port), host)
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    sockets.add(client)
    sockets.add(upstream)
    const countUp =
      mode === "http"
        ? httpRequestCounter(() => stats.requests++)
        : wsMessageCounter(
            () => stats.wsMessagesUp++,
            () => stats.wsControlFrames++,
          )
    const countDown =
      mode === "http"
        ? () => {}
        : wsMessageCounter(
            () => stats.wsMessagesDown++,
            () => stats.wsControlFrames++,
          )
    client.on("data", d => {
      stats.bytesUp += d.length
      countUp(d)
    })
    upstream.on("data", d => {
      stats.bytesDown += d.length
      countDown(d)
    })
    // pipe: backpressure, and an end (FIN) is passed on after the data before it
    client.pipe(upstream)
    upstream.pipe(client)
    client.on("close", () => {
      upstream.end()
      sockets.delete(client)
    })
    upstream.on("close", () => {
      client.end()
      sockets.delete(upstream)
    })
    const fail = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on("error", fail)
    upstream.on("error", fail)
  })
  return new Promise(resolve => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: server.address().port,
        stats: () => ({ ...stats }),
        reset: () => {
          stats = zero()
        },
        close: () =>
          new Promise(r => {
            for (const s of sockets) s.destroy()
            // the callback waits for every connection; a half-closed one must not
            // hold the run up
            const timer = setTimeout(r, 1000)
            server.close(() => {
              clearTimeout(timer)
              r()
            })
          }),
      })
    })
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [target, mode = "http"] = process.argv.slice(2)
  if (!target) {
    console.error("usage: node proxy.mjs HOST:PORT [http|ws]")
    process.exit(2)
  }
  const p = await startProxy(target, mode)
  console.log(`proxy listening on 127.0.0.1:${p.port} -> ${target} (${mode})`)
  process.on("SIGINT", () => {
    console.log(JSON.stringify(p.stats()))
    process.exit(0)
  })
}
