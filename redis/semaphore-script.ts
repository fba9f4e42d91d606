// The semaphore's Lua: every operation is this one script, so each is atomic and one round trip.
//
// State, under one hash tag so a cluster keeps it on one node: `expiries`, a sorted set of every
// holder's and waiter's id scored by when its entry lapses unless renewed (Redis time, ms);
// `queue`, the waiters' ids scored by arrival, which is the FIFO order; `meta`, a hash of the
// permits held, the arrival counter, the server run that last wrote the state, the quarantine's
// end and each entry's permits (`w:<id>`). A holder is an id in `expiries` and not in `queue`.
//
// Quarantine: a server that restarted may have lost the state, or brought back an older one (an
// RDB snapshot, AOF everysec), while holders from before are still working. (A replica promoted
// in a failover started long ago, so it is not quarantined: docs/runtime.md says so.)
// Their leases ran for at most `lease` ms after the crash, and the crash came before the server
// started, so nothing is granted until `lease` ms after the start: by then every such holder has
// seen its lease's signal abort. The script reads the start and the run from INFO; a state first
// seen by this server run starts the quarantine, which costs nothing once the server has been up
// for `lease` ms, so a new semaphore on a long-running server waits for nobody.
//
// Cost (measured with INFO commandstats, issue 16): INFO inside a script is the dearest step, about
// 10 µs of the script's 38 µs, and each redis.call about 0.5 µs more than the command itself.
// So INFO is read only by calls that can grant (acquire, try, poll, and a release or renewal
// while waiters are queued), and only while the server may be younger than a lease (LASTSAVE
// tells): the quarantine gates grants only, and its end, `lease` ms after the server's start, is
// the same whichever call first notices the new run. The run id is found by a plain string.find,
// not a pattern scan of the reply; a call touches the queue only when it has one.
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

-- One read of the hash, the caller's own weight included (a fresh acquire has none yet).
local state = redis.call('HMGET', meta, 'run', 'until', 'held', 'arrivals', 'w:' .. id)
local quarantine = tonumber(state[2]) or 0
local held = tonumber(state[3]) or 0
local arrivals = tonumber(state[4]) or 0
local weight = tonumber(state[5])
local waiters = redis.call('ZCARD', queue)
local writes = {}

local lapsed = redis.call('ZRANGEBYSCORE', expiries, '-inf', now)
if #lapsed > 0 then
  for _, gone in ipairs(lapsed) do
    if waiters > 0 and redis.call('ZREM', queue, gone) == 1 then
      waiters = waiters - 1
    else
      held = held - (tonumber(redis.call('HGET', meta, 'w:' .. gone)) or 0)
    end
    redis.call('HDEL', meta, 'w:' .. gone)
    if gone == id then weight = nil end
  end
  redis.call('ZREMRANGEBYSCORE', expiries, '-inf', now)
  if held < 0 then held = 0 end
end

-- A release or renewal with nobody queued grants nothing, so it needs no INFO. Nor does a call on
-- a server up for longer than a lease: its quarantine is over, however new the state, and 'until'
-- still holds one already set. LASTSAVE (whole seconds) is set at the start and at each save
-- since, never earlier, so the server started before it + 1 s. pcall: an ACL may deny it.
local check = waiters > 0 or (operation ~= 'release' and operation ~= 'renew')
if check then
  local saved = redis.pcall('LASTSAVE')
  check = type(saved) ~= 'number' or now < (saved + 1) * 1000 + lease
end
if check then
  local info = redis.call('INFO', 'server')
  local at = string.find(info, 'run_id:', 1, true)
  local run = string.sub(info, at + 7, at + 46)
  if state[1] ~= run then
    -- The latest the server can have started: INFO counts whole seconds.
    local started = now - (tonumber(string.match(info, 'uptime_in_seconds:(%d+)')) - 1) * 1000
    quarantine = math.max(quarantine, started + lease)
    writes[#writes + 1] = 'run'
    writes[#writes + 1] = run
    writes[#writes + 1] = 'until'
    writes[#writes + 1] = quarantine
  end
end

local grants = {}
local function grant()
  if now < quarantine or waiters == 0 then return end
  while waiters > 0 do
    local head = redis.call('ZRANGE', queue, 0, 0)[1]
    local need = tonumber(redis.call('HGET', meta, 'w:' .. head))
    if size - held < need then return end
    redis.call('ZREM', queue, head)
    waiters = waiters - 1
    held = held + need
    grants[#grants + 1] = head
  end
end
grant()

-- A fresh acquire's id is a new UUID: it has no entry to look up. A release removes its entry,
-- and ZREM's answer says whether there was one: one call instead of ZSCORE then ZREM.
local entry = false
if operation == 'release' then
  entry = redis.call('ZREM', expiries, id) == 1
elseif operation ~= 'acquire' and operation ~= 'try' then
  entry = redis.call('ZSCORE', expiries, id)
end
local waiting = entry and waiters > 0 and redis.call('ZSCORE', queue, id)
local holding = entry and not waiting
local status = -1
-- stamped: this call wrote an entry's expiry, or the run (which may create the hash).
local stamped = #writes > 0
if operation == 'release' then
  if entry then
    if holding then held = held - weight end
    if waiting then
      redis.call('ZREM', queue, id)
      waiters = waiters - 1
    end
    redis.call('HDEL', meta, 'w:' .. id)
  end
  status = holding and 1 or -2
  grant()
elseif operation == 'renew' then
  if holding then
    redis.call('ZADD', expiries, now + lease, id)
    stamped = true
    status = 1
  else
    status = -2
  end
elseif entry then
  redis.call('ZADD', expiries, now + lease, id)
  stamped = true
  status = holding and 1 or 0
elseif waiters == 0 and size - held >= permits and now >= quarantine then
  held = held + permits
  redis.call('ZADD', expiries, now + lease, id)
  stamped = true
  writes[#writes + 1] = 'w:' .. id
  writes[#writes + 1] = permits
  status = 1
elseif operation ~= 'try' then
  arrivals = arrivals + 1
  waiters = waiters + 1
  redis.call('ZADD', queue, arrivals, id)
  redis.call('ZADD', expiries, now + lease, id)
  stamped = true
  writes[#writes + 1] = 'w:' .. id
  writes[#writes + 1] = permits
  status = 0
end

if #grants > 0 then redis.call('PUBLISH', ARGV[6], table.concat(grants, ',')) end
if held ~= (tonumber(state[3]) or 0) then
  writes[#writes + 1] = 'held'
  writes[#writes + 1] = held
end
if arrivals ~= (tonumber(state[4]) or 0) then
  writes[#writes + 1] = 'arrivals'
  writes[#writes + 1] = arrivals
end
if #writes > 0 then redis.call('HSET', meta, unpack(writes)) end
-- Every entry lapses within a lease of its last write (a ZADD to expiries), and every write comes
-- through here: keys kept for two leases after the last such write outlive every entry they hold.
-- A call that only removes (a release) or changes fields of a hash that has its TTL needs none.
-- An empty queue is no key.
if stamped then
  redis.call('PEXPIRE', expiries, 2 * lease)
  if waiters > 0 then redis.call('PEXPIRE', queue, 2 * lease) end
  redis.call('PEXPIRE', meta, 2 * lease)
end

local wake = lease
if status == 0 then
  local first = redis.call('ZRANGE', expiries, 0, 0, 'WITHSCORES')[2]
  if first then wake = math.min(wake, tonumber(first) - now + 1) end
  if quarantine > now then wake = math.max(1, quarantine - now + 1) end
end
return { status, wake }
`);
