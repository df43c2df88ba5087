-- wrk script: GET /api/persons/{id} for random ids from a file, with a bearer token.
-- Usage: TOKEN=... wrk -t2 -c64 -d30s --latency -s bench/get_person.lua http://127.0.0.1:8080 -- ids.txt
local ids = {}
local token = os.getenv("TOKEN")

function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/persons/" .. id, { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
