-- wrk script: POST one fixed chat completion request, optionally at a constant rate (see
-- pacing.lua). The bearer token, when one is needed, comes from BENCH_BEARER_TOKEN, so it does
-- not show in the process list; other headers come from wrk's -H.

local script_dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = script_dir .. "?.lua;" .. package.path
local pacing = require("pacing")

wrk.method = "POST"
wrk.body = '{"model":"stand-in-chat","messages":[{"role":"user","content":"Hello"}]}'
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_BEARER_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

pacing.install()

function setup(thread)
  pacing.remember(thread)
end

function done(summary, latency, requests)
  pacing.report(summary, latency)
end
