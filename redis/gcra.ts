// The rate limiter's Lua: GCRA (the generic cell rate algorithm, as go-redis/redis_rate and
// Stripe's limiter use it), one script per call, Redis `TIME` as the clock.
//
// GCRA is a token bucket kept as one number, the theoretical arrival time (TAT): the moment the
// bucket would be full again. A request of n tokens moves TAT to max(TAT, now) + n·T, with
// T = 1/rate, and conforms when the new TAT is at most burst·T ahead of now. It was chosen over a
// bucket of (tokens, last refill): one field instead of two, no refill arithmetic, and the key's
// natural expiry is "bucket full again", so an idle limiter is no key at all. The stored TAT is in
// whole microseconds, rounded up, and decisions compare the exact cost with the exact tolerance:
// rounding can only slow the limiter, never let one more through.
import { Script } from "./client.js";

/**
 * gcra's arguments: KEYS[1] the limiter's key; ARGV emission interval T in µs (a decimal), burst,
 * tokens, and the mode: "allow" takes the tokens only if they conform now; "book" always takes
 * them and says how long to wait (Go's ReserveN), queueing behind every booking made before it;
 * "cancel" gives a booking back if nothing was booked after it and its time has not come (ARGV[5]
 * is the TAT it set). Replies: { 1, wait µs, TAT } when taken, { 0, retry-after µs } when
 * refused, { 1 } or { 0 } for a cancel.
 */
export const gcra = new Script(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2]) * interval
local cost = tonumber(ARGV[3]) * interval
local mode = ARGV[4]
local stored = redis.call('GET', KEYS[1])
local ahead = 0
if stored then ahead = math.max(tonumber(stored) - now, 0) end
if mode == 'cancel' then
  local booked = tonumber(ARGV[5])
  if stored == false or tonumber(stored) ~= booked or booked - tolerance <= now then return { 0 } end
  local restored = booked - math.floor(cost)
  if restored <= now then redis.call('DEL', KEYS[1]) else
    redis.call('SET', KEYS[1], string.format('%d', restored), 'PX', math.ceil((restored - now) / 1000))
  end
  return { 1 }
end
local wait = ahead + cost - tolerance
if wait > 0 and mode == 'allow' then return { 0, math.ceil(wait) } end
local after = now + math.ceil(ahead + cost)
if cost > 0 then
  redis.call('SET', KEYS[1], string.format('%d', after), 'PX', math.ceil((after - now) / 1000))
end
return { 1, math.max(math.ceil(wait), 0), string.format('%d', after) }
`);
