-- Bursts where every item is sent once (a contestant starting or submitting, a member checking in): the items come
-- from BENCH_ITEMS, one per line "token<TAB>method<TAB>path<TAB>body", split between wrk's threads. A thread stops
-- once every one of its items has been answered with a body carrying the item's key (BENCH_KEY, a Lua
-- pattern such as '^{"id":(%d+)'). While its last answers are in flight, a connection with nothing new to send
-- repeats an item already answered: a phone's retry, which must not count twice (checked against MySQL after).
-- A check-in item's body "{code}" is filled with its meeting's current code, read from BENCH_CODES ("meetingId
-- code" lines the secretaries' screens keep fresh while the burst runs).
package.path = "bench/lua/?.lua;" .. package.path
require "common"

local threads = {}
local thread_count = 0

function setup(thread)
  -- init() of a thread may run before the next thread is set up: the thread count comes from BENCH_THREADS.
  thread:set("thread_no", thread_count)
  thread:set("thread_total", tonumber(os.getenv("BENCH_THREADS")))
  thread_count = thread_count + 1
  threads[#threads + 1] = thread
end

local items, answered = {}, {}
local next_item = 0
-- Globals, so that done() can read them through thread:get (which copies tables too).
answered_count, retries, items_total, statuses = 0, 0, 0, {}
local key_pattern = os.getenv("BENCH_KEY")
local codes, codes_read_at = {}, -1

function init(args)
  local i = 0
  for line in io.lines(os.getenv("BENCH_ITEMS")) do
    if i % thread_total == thread_no then
      local token, method, path, body = line:match("([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)")
      items[#items + 1] = { token = token, method = method, path = path, body = body }
    end
    i = i + 1
  end
  items_total = #items
end

local function current_code(path)
  if os.time() - codes_read_at >= 2 then
    codes_read_at = os.time()
    for line in io.lines(os.getenv("BENCH_CODES")) do
      local meeting, code = line:match("(%d+)%s+(%d+)")
      if meeting then codes[meeting] = code end
    end
  end
  return codes[path:match("/meetings/(%d+)/")] or "000000"
end

local function format(item)
  local body = item.body
  if body == "{code}" then
    body = '{"code":"' .. current_code(item.path) .. '"}'
  end
  local headers = { ["Authorization"] = "Bearer " .. item.token }
  if body ~= "" then headers["Content-Type"] = "application/json" end
  return wrk.format(item.method, item.path, headers, body ~= "" and body or nil)
end

request = function()
  if next_item < #items then
    next_item = next_item + 1
    return format(items[next_item])
  end
  retries = retries + 1
  return format(items[math.random(#items)])
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local key = body and key_pattern and body:match(key_pattern)
  if key and not answered[key] then
    answered[key] = true
    answered_count = answered_count + 1
    if answered_count >= #items then
      -- wrk itself runs for its whole -d; run_wrk_once interrupts it once every thread has left this mark.
      local mark = io.open(os.getenv("BENCH_OUT") .. ".finished." .. thread_no, "w")
      mark:close()
      wrk.thread:stop()
    end
  end
end

done = function(summary, latency, requests)
  report(summary, latency, requests)
  -- Append what each thread saw: answers per status, distinct items answered, retries sent.
  local out = io.open(os.getenv("BENCH_OUT") .. ".threads", "w")
  for _, t in ipairs(threads) do
    local parts = {}
    for code, n in pairs(t:get("statuses")) do parts[#parts + 1] = string.format('"%d": %d', code, n) end
    out:write(string.format('{"items": %d, "answered": %d, "retries": %d, "statuses": {%s}}\n',
      t:get("items_total"), t:get("answered_count"), t:get("retries"), table.concat(parts, ", ")))
  end
  out:close()
end

