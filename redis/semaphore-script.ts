// The semaphore's Lua: every operation is this one script, so each is atomic and one round trip.
//
// State, under one hash tag so a cluster keeps it on one node: `expiries`, a sorted set of every
// holder's and waiter's id scored by when its entry lapses unless renewed (Redis time, ms);
// `queue`, the waiters' ids scored by arrival, which is the FIFO order; `meta`, a hash of the
// permits held, the arrival counter, the server run that last wrote the state, the quarantine's
// end and each entry's permits (`w:<id>`). A holder is an id in `expiries` and not in `queue`.
//
// Quarantine: a server that restarted may have lost the state, or brought back an older one (an
// RDB snapshot, AOF everysec, a replica promoted), while holders from before are still working.
// Their leases ran for at most `lease` ms after the crash, and the crash came before the server
// started, so nothing is granted until `lease` ms after the start: by then every such holder has
// seen its lease's signal abort. The script reads the start and the run from INFO (about 3 µs);
// a state first seen by this server run starts the quarantine, which costs nothing once the
// server has been up for `lease` ms, so a new semaphore on a long-running server waits for nobody.
import { Script } from "./client.js";

/**
 * Replies of the semaphore script: `{ status, wake }`, where status is one of these and `wake`
 * is the ms until the state may change by itself (an entry lapsing, the quarantine ending), for a
 * queued waiter's next look.
 */
export const granted = 1;
export const queued = 0;
export const refusedNow = -1;
export const lost = -2;

/**
 * semaphore's arguments: KEYS expiries, queue, meta; ARGV operation, id, permits, size,
 * lease ms, pub/sub channel. Operations: "acquire" grants at once when nobody is queued and the
 * permits are free, else queues the id; "try" grants or refuses, storing nothing; "poll" renews a
 * waiter's entry (and queues an id it no longer knows, at the back: its entry lapsed or the state
 * was lost) and reports whether it was granted; "renew" extends a holder's lease, or reports it
 * lost; "release" drops a holder or a waiter. Grants go to the head of the queue while it fits
 * (Go's notifyWaiters: a large head is not overtaken) and are published as a comma-separated list
 * of ids on the channel.
 */
export const semaphoreScript = new Script(`
local expiries, queue, meta = KEYS[1], KEYS[2], KEYS[3]
local operation, id = ARGV[1], ARGV[2]
local permits, size, lease = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local info = redis.call('INFO', 'server')
local run = string.match(info, 'run_id:(%w+)')
local state = redis.call('HMGET', meta, 'run', 'until', 'held', 'arrivals')
local quarantine = tonumber(state[2]) or 0
local held = tonumber(state[3]) or 0
local arrivals = tonumber(state[4]) or 0
if state[1] ~= run then
  -- The latest the server can have started: INFO counts whole seconds.
  local started = now - (tonumber(string.match(info, 'uptime_in_seconds:(%d+)')) - 1) * 1000
  quarantine = math.max(quarantine, started + lease)
  redis.call('HSET', meta, 'run', run, 'until', quarantine)
end

local lapsed = redis.call('ZRANGEBYSCORE', expiries, '-inf', now)
if #lapsed > 0 then
  for _, gone in ipairs(lapsed) do
    if redis.call('ZREM', queue, gone) == 0 then held = held - (tonumber(redis.call('HGET', meta, 'w:' .. gone)) or 0) end
    redis.call('HDEL', meta, 'w:' .. gone)
  end
  redis.call('ZREMRANGEBYSCORE', expiries, '-inf', now)
  if held < 0 then held = 0 end
end

local grants = {}
local function grant()
  if now < quarantine then return end
  while true do
    local head = redis.call('ZRANGE', queue, 0, 0)[1]
    if not head then return end
    local weight = tonumber(redis.call('HGET', meta, 'w:' .. head))
    if size - held < weight then return end
    redis.call('ZREM', queue, head)
    held = held + weight
    grants[#grants + 1] = head
  end
end
grant()

local entry = redis.call('ZSCORE', expiries, id)
local waiting = entry and redis.call('ZSCORE', queue, id)
local holding = entry and not waiting
local status = -1
if operation == 'release' then
  if entry then
    if holding then held = held - tonumber(redis.call('HGET', meta, 'w:' .. id)) end
    redis.call('ZREM', expiries, id)
    if waiting then redis.call('ZREM', queue, id) end
    redis.call('HDEL', meta, 'w:' .. id)
  end
  status = holding and 1 or -2
  grant()
elseif operation == 'renew' then
  if holding then
    redis.call('ZADD', expiries, now + lease, id)
    status = 1
  else
    status = -2
  end
elseif entry then
  redis.call('ZADD', expiries, now + lease, id)
  status = holding and 1 or 0
elseif redis.call('EXISTS', queue) == 0 and size - held >= permits and now >= quarantine then
  held = held + permits
  redis.call('ZADD', expiries, now + lease, id)
  redis.call('HSET', meta, 'w:' .. id, permits)
  status = 1
elseif operation ~= 'try' then
  arrivals = arrivals + 1
  redis.call('ZADD', queue, arrivals, id)
  redis.call('ZADD', expiries, now + lease, id)
  redis.call('HSET', meta, 'w:' .. id, permits)
  status = 0
end

if #grants > 0 then redis.call('PUBLISH', ARGV[6], table.concat(grants, ',')) end
if held ~= (tonumber(state[3]) or 0) or arrivals ~= (tonumber(state[4]) or 0) then redis.call('HSET', meta, 'held', held, 'arrivals', arrivals) end
-- Every entry lapses within a lease of its last write, and every write comes through here: keys
-- kept for two leases after the last call outlive every entry they hold.
redis.call('PEXPIRE', expiries, 2 * lease)
redis.call('PEXPIRE', queue, 2 * lease)
redis.call('PEXPIRE', meta, 2 * lease)

local wake = lease
if status == 0 then
  local first = redis.call('ZRANGE', expiries, 0, 0, 'WITHSCORES')[2]
  if first then wake = math.min(wake, tonumber(first) - now + 1) end
  if quarantine > now then wake = math.max(1, quarantine - now + 1) end
end
return { status, wake }
`);
