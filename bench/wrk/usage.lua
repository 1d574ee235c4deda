-- wrk script: POST signed usage deliveries to webhook-service, each with its own idempotency key,
-- optionally at a constant rate (see pacing.lua).
--
-- Environment: BENCH_BODY_FILE, the delivery body; BENCH_SIGNATURE, its x-roberto-signature value
-- (valid for 5 minutes); BENCH_KEY_PREFIX, the start of every idempotency key, so that the
-- deliveries of one phase can be found in the database later.

local script_dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = script_dir .. "?.lua;" .. package.path
local pacing = require("pacing")

local function required_env(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error("the environment variable " .. name .. " is missing")
  end
  return value
end

local body_file = assert(io.open(required_env("BENCH_BODY_FILE"), "rb"))
local body = body_file:read("*a")
body_file:close()
local signature = required_env("BENCH_SIGNATURE")
local key_prefix = required_env("BENCH_KEY_PREFIX")

pacing.install()

function setup(thread)
  pacing.remember(thread)
end

local sent = 0

function request()
  sent = sent + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["x-roberto-signature"] = signature,
    ["x-idempotency-key"] = string.format("%s-%d-%d", key_prefix, thread_index, sent),
  }
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  pacing.report(summary, latency)
end
