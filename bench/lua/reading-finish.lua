-- Reading peak, second half: after the article's minimum reading time has passed on the server's clock, members
-- finish the sessions they opened (POST /reading/sessions/{id}/finish): dwell checked, completion, points through the
-- ledger, streak. Sessions come from BENCH_SESSIONS; each thread starts at its own place in the list.
package.path = "bench/lua/?.lua;" .. package.path
require "common"
local sessions = {}
for line in io.lines(os.getenv("BENCH_SESSIONS")) do
  local id, token = line:match("(%d+)%s+(%S+)")
  sessions[#sessions + 1] = { id = id, token = token }
end
math.randomseed(os.time() + math.floor(os.clock() * 1000000) + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
local i = math.random(#sessions)

request = function()
  i = i % #sessions + 1
  local s = sessions[i]
  return wrk.format("POST", "/reading/sessions/" .. s.id .. "/finish", { ["Authorization"] = "Bearer " .. s.token })
end

done = report
