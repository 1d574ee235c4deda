-- Holds a constant request rate in wrk 4.1, which has no rate option, and prints the results as
-- one line that the bench scripts read.
--
-- The rate comes from the environment. BENCH_RATE is the requests per second of the whole run,
-- split evenly over BENCH_WRK_THREADS threads (default 1, the same number as wrk's -t). With
-- BENCH_RATE 0 or unset there is no pacing, and each connection sends its next request as soon as
-- the last response arrived.
--
-- How the rate is held: each thread keeps a schedule of send times, one every 1/rate seconds.
-- wrk calls delay() before each request of a connection, and delay() hands that connection the
-- next free slot of the schedule, rounded to whole milliseconds because wrk's timer counts in
-- milliseconds. When every connection is busy past its slot, the slot is late: the request goes
-- out as soon as a connection is free, and late_sends counts it. wrk measures latency from the
-- actual send, so a late send hides waiting time that an open-loop tool such as wrk2 would count.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("bench_timespec")

local pacing = {}

-- A send more than this many milliseconds behind its slot counts as late.
local LATE_AFTER_MS = 1

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local function number_from_env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    return default
  end
  local number = tonumber(value)
  if number == nil or number < 0 then
    error(name .. " must be a number of at least 0, not '" .. value .. "'")
  end
  return number
end

pacing.rate = number_from_env("BENCH_RATE", 0)
pacing.threads = number_from_env("BENCH_WRK_THREADS", 1)

-- Defines wrk's global delay() when a rate is set. wrk looks for delay() once, after loading the
-- script, so this must run when the script loads.
function pacing.install()
  if pacing.rate <= 0 then
    return
  end
  local interval_ms = 1000 * pacing.threads / pacing.rate
  local next_slot = nil
  late_sends = 0
  function delay()
    local now = now_ms()
    if next_slot == nil then
      next_slot = now
    end
    local wait = next_slot - now
    next_slot = next_slot + interval_ms
    if wait < -LATE_AFTER_MS then
      late_sends = late_sends + 1
    end
    return math.max(0, math.floor(wait + 0.5))
  end
end

local threads = {}

-- Keeps each thread so that report() can add up its counters; call it from wrk's setup().
function pacing.remember(thread)
  thread:set("thread_index", #threads + 1)
  table.insert(threads, thread)
end

-- Prints the run as one line of key=value pairs, times in microseconds; call it from wrk's done().
function pacing.report(summary, latency, extra)
  local late = 0
  for _, thread in ipairs(threads) do
    late = late + (thread:get("late_sends") or 0)
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local fields = {
    string.format("requests=%d", summary.requests),
    string.format("seconds=%.2f", seconds),
    string.format("rate=%.1f", summary.requests / seconds),
    string.format("target_rate=%d", pacing.rate),
    string.format("late_sends=%d", late),
    string.format("p50_us=%d", latency:percentile(50)),
    string.format("p90_us=%d", latency:percentile(90)),
    string.format("p99_us=%d", latency:percentile(99)),
    string.format("p999_us=%d", latency:percentile(99.9)),
    string.format("max_us=%d", latency.max),
    string.format("status_errors=%d", errors.status),
    string.format("socket_errors=%d", errors.connect + errors.read + errors.write),
    string.format("timeouts=%d", errors.timeout),
  }
  for _, field in ipairs(extra or {}) do
    table.insert(fields, field)
  end
  io.write("BENCH ", table.concat(fields, " "), "\n")
end

return pacing
