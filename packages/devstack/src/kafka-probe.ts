/**
 * A Kafka Metadata request (v1) over a raw socket: proves a broker answers requests, not merely
 * that its port accepts connections, without pulling a Kafka client into the launcher.
 * KRaft brokers enable request processing only once they are unfenced, so an answer means ready.
 */
import net from "node:net";

const METADATA = 3;
const VERSION = 1;

export function encodeMetadataRequest(correlationId: number, clientId = "hub-devstack"): Buffer {
  const client = Buffer.from(clientId, "utf8");
  const body = Buffer.alloc(2 + 2 + 4 + 2 + client.length + 4);
  let o = 0;
  o = body.writeInt16BE(METADATA, o);
  o = body.writeInt16BE(VERSION, o);
  o = body.writeInt32BE(correlationId, o);
  o = body.writeInt16BE(client.length, o);
  o += client.copy(body, o);
  body.writeInt32BE(0, o); // an empty topic list: brokers only (null would mean every topic)
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
}

/** Parses a Metadata v1 response frame (without its size prefix) up to the broker list. */
export function decodeMetadataBrokers(frame: Buffer, correlationId: number): BrokerInfo[] {
  let o = 0;
  const int32 = () => {
    const v = frame.readInt32BE(o);
    o += 4;
    return v;
  };
  const str = () => {
    const len = frame.readInt16BE(o);
    o += 2;
    if (len < 0) return "";
    const s = frame.toString("utf8", o, o + len);
    o += len;
    return s;
  };
  if (int32() !== correlationId) throw new Error("unexpected correlation id");
  const count = int32();
  const brokers: BrokerInfo[] = [];
  for (let i = 0; i < count; i++) {
    const nodeId = int32();
    const host = str();
    const port = int32();
    str(); // rack
    brokers.push({ nodeId, host, port });
  }
  return brokers;
}

export function kafkaMetadata(host: string, port: number, timeoutMs = 2000): Promise<BrokerInfo[]> {
  return new Promise((resolve, reject) => {
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    const socket = net.connect({ host, port });
    let buffered = Buffer.alloc(0);
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.once("error", fail);
    socket.once("connect", () => socket.write(encodeMetadataRequest(correlationId)));
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return;
      const size = buffered.readInt32BE(0);
      if (buffered.length < 4 + size) return;
      socket.destroy();
      try {
        resolve(decodeMetadataBrokers(buffered.subarray(4, 4 + size), correlationId));
      } catch (err) {
        reject(err as Error);
      }
    });
    socket.once("end", () => fail(new Error(`${host}:${port} closed the connection`)));
  });
}
