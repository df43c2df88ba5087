-- wrk script: GET the paths listed in a file, in random order, as one logged-in user: with a
-- bearer token (TOKEN) for the API or a session cookie (COOKIE, "rm_session=...") for pages.
-- Usage: TOKEN=... wrk -t2 -c16 -d30s --latency -s bench/paths.lua http://127.0.0.1:8080 -- paths.txt
-- Used to compare a build with the one before it on the same requests (docs/BENCHMARKS.md).
local paths = {}
local headers = { ["Accept"] = "text/html" }
if os.getenv("TOKEN") then headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end
if os.getenv("COOKIE") then headers["Cookie"] = os.getenv("COOKIE") end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
