import type { CallRecord } from '../../../shared/call-records';
import type { Db } from './database';

type NewCallRecord = Omit<CallRecord, 'id'>;

interface Row {
  id: number;
  callId: string;
  caller: string;
  callerName: string;
  callee: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  durationMs: number;
  disposition: CallRecord['disposition'];
  hangupCause: string;
  hangupSide: CallRecord['hangupSide'];
  codec: string | null;
  callerPacketsSent: number;
  callerPacketsReceived: number;
  callerPacketsLost: number;
  calleePacketsSent: number;
  calleePacketsReceived: number;
  calleePacketsLost: number;
}

const COLUMNS = `id, call_id AS callId, caller, caller_name AS callerName, callee, started_at AS startedAt, answered_at AS answeredAt,
  ended_at AS endedAt, duration_ms AS durationMs, disposition, hangup_cause AS hangupCause, hangup_side AS hangupSide, codec,
  caller_packets_sent AS callerPacketsSent, caller_packets_received AS callerPacketsReceived, caller_packets_lost AS callerPacketsLost,
  callee_packets_sent AS calleePacketsSent, callee_packets_received AS calleePacketsReceived, callee_packets_lost AS calleePacketsLost`;

function fromRow(r: Row): CallRecord {
  return {
    id: r.id,
    callId: r.callId,
    caller: r.caller,
    callerName: r.callerName,
    callee: r.callee,
    startedAt: r.startedAt,
    answeredAt: r.answeredAt,
    endedAt: r.endedAt,
    durationMs: r.durationMs,
    disposition: r.disposition,
    hangupCause: r.hangupCause,
    hangupSide: r.hangupSide,
    codec: r.codec,
    callerLeg: { packetsSent: r.callerPacketsSent, packetsReceived: r.callerPacketsReceived, packetsLost: r.callerPacketsLost },
    calleeLeg: { packetsSent: r.calleePacketsSent, packetsReceived: r.calleePacketsReceived, packetsLost: r.calleePacketsLost },
  };
}

/** Call detail records: one row per call, written when it ends. */
export class CallRecordRepository {
  private readonly insertStatement;

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(
      `INSERT INTO call_records (call_id, caller, caller_name, callee, started_at, answered_at, ended_at, duration_ms, disposition, hangup_cause,
         hangup_side, codec, caller_packets_sent, caller_packets_received, caller_packets_lost, callee_packets_sent, callee_packets_received,
         callee_packets_lost)
       VALUES (@callId, @caller, @callerName, @callee, @startedAt, @answeredAt, @endedAt, @durationMs, @disposition, @hangupCause, @hangupSide,
         @codec, @callerPacketsSent, @callerPacketsReceived, @callerPacketsLost, @calleePacketsSent, @calleePacketsReceived, @calleePacketsLost)`,
    );
  }

  insert(record: NewCallRecord): CallRecord {
    const { callerLeg, calleeLeg, ...rest } = record;
    const id = Number(
      this.insertStatement.run({
        ...rest,
        callerPacketsSent: callerLeg.packetsSent,
        callerPacketsReceived: callerLeg.packetsReceived,
        callerPacketsLost: callerLeg.packetsLost,
        calleePacketsSent: calleeLeg.packetsSent,
        calleePacketsReceived: calleeLeg.packetsReceived,
        calleePacketsLost: calleeLeg.packetsLost,
      }).lastInsertRowid,
    );
    return { id, ...record };
  }

  /** Newest first; `before` pages back by id; `extension` keeps calls from or to it. */
  list(query: { limit: number; before?: number | undefined; extension?: string | undefined }): CallRecord[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit };
    if (query.before !== undefined) {
      where.push('id < @before');
      params.before = query.before;
    }
    if (query.extension !== undefined) {
      where.push('(caller = @extension OR callee = @extension)');
      params.extension = query.extension;
    }
    const sql = `SELECT ${COLUMNS} FROM call_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], Row>(sql).all(params).map(fromRow);
  }
}
