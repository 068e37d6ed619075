-- wrk counts answers by status (benchmarks/drills.py).
--
--     wrk -s benchmarks/statuses.lua http://127.0.0.1:8765/ -- /path /other-path ...
--
-- Requests go to the paths after `--` in turn (the URL's own path if none).
-- Each thread tallies its answers by status; `done` adds the threads' tallies
-- up and prints one line per status: "status 200 1234". Requests that got no
-- answer are wrk's socket errors (connect, read, write, timeout).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  paths = args
  counter = 0
end

function request()
  counter = counter + 1
  if #paths == 0 then
    return wrk.format()
  end
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %d %d\n", status, count))
  end
end
