-- The reading write path: open an article (POST .../open), then finish that session (POST .../finish) with the
-- same member's token. Run with one connection per wrk thread (-t N -c N), so each thread's responses come back in
-- the order of its requests and the queue below pairs each session with the member who opened it.
package.path = "bench/lua/?.lua;" .. package.path
require "common"
load_tokens()
local article = os.getenv("BENCH_ARTICLE")
local opened = {}
local pending = {}

request = function()
  local session = table.remove(opened)
  if session then
    pending[#pending + 1] = "finish"
    return wrk.format("POST", "/reading/sessions/" .. session.id .. "/finish",
      { ["Authorization"] = "Bearer " .. session.token })
  end
  local caller = next_caller()
  pending[#pending + 1] = caller.token
  return wrk.format("POST", "/reading/articles/" .. article .. "/open",
    { ["Authorization"] = "Bearer " .. caller.token })
end

response = function(status, headers, body)
  local what = table.remove(pending, 1)
  if what ~= nil and what ~= "finish" and (status == 200 or status == 201) then
    local id = body:match('"sessionId":(%d+)')
    if id then
      opened[#opened + 1] = { id = id, token = what }
    end
  end
end

done = report
