-- Reading peak, first half: members open today's article (POST /reading/articles/{id}/open). Run with one
-- connection per wrk thread (-t N -c N) so responses come back in request order and each new session is paired with
-- the member who opened it; the pairs go to BENCH_SESSIONS for the finish run.
package.path = "bench/lua/?.lua;" .. package.path
require "common"
load_tokens()
local article = os.getenv("BENCH_ARTICLE")
local sessions = io.open(os.getenv("BENCH_SESSIONS"), "a")
sessions:setvbuf("line")
local pending = {}

request = function()
  local caller = next_caller()
  pending[#pending + 1] = caller.token
  return wrk.format("POST", "/reading/articles/" .. article .. "/open", { ["Authorization"] = "Bearer " .. caller.token })
end

response = function(status, headers, body)
  local token = table.remove(pending, 1)
  local id = body:match('"sessionId":(%d+)')
  if token and id then
    sessions:write(id .. " " .. token .. "\n")
  end
end

done = report
