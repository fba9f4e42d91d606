// @corral/redis: the runtime's RateLimiter and Semaphore shared by every replica of a service
// through Redis or Valkey. No dependencies: it takes the ioredis or node-redis client you have.
export { type RedisClient } from "./client.js";
export { LeaseLostError, RedisUnavailableError } from "./errors.js";
export { type LocalRateLimiter, type RedisRateLimiterOptions, type RedisRateLimiterWaitOptions, type RedisReservation, RedisRateLimiter } from "./rate-limiter.js";
export { type LocalSemaphore, type RedisLease, type RedisSemaphoreAcquireOptions, type RedisSemaphoreOptions, RedisSemaphore } from "./semaphore.js";
